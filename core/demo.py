"""What every app's demo loader shares: read the app's data files, build pages and snippets
from them, and translate them through wagtail-localize from the app's PO files.

Each app keeps its demo content as data in `<app>/demo/`: TOML files (pages, snippets) and
`locale/<language>.po` (their translations, imported as a translator's PO file is). A page
or snippet is a table: `type` ("app_label.Model"), for a page `parent` (a path as below, ""
for the home page) and `locale` (default "en"), then its fields. A value is what the field
or block holds (TOML dates and times included), except:

- a chosen page: the path of English slugs under the home page ("work-areas/mc2cm"), taken
  in the locale of the object being built; a chosen snippet: its slug, likewise;
- a page in a ForeignKey or many-to-many field (an event's `host_city`, a project's
  `cities`): its path, or a list of paths, likewise ("cities/tangier"), or the English
  page while it has no translation in that locale; any other many-to-many field holds
  snippets: a list of their slugs;
- a rich text written as a list of strings: one paragraph each;
- a date written as {days_from_today = N}: N days from the day the demo is loaded;
- a StreamField: a list of {type = "block name", value = …};
- an image (a page's `listing_image`, a campaign's `hero_image`, an image block): a table
  that describes a picture the site draws itself (graphics/demo_images.py), made once in the
  "Demo images" collection and found again by its title, which is therefore unique:

      listing_image = { artwork = "seed", title = "…", alt = "…" }
      listing_image = { artwork = "seed", motif = "arcs", colour = "teal",
                        background = "wash", title = "…", alt = "…" }
      listing_image = { map = "mediterranean", highlight = ["MA", "TN"], cities = [
          { name = "Tangier", lon = -5.80, lat = 35.76 }, …], title = "…", alt = "…" }

  `artwork`: an abstract illustration (graphics/artwork.py), the same for the same seed;
  `motif` (arcs, circles, bands, tiles), `colour` (a theme colour: blue, teal, green,
  purple, red, orange) and `background` (wash, brand) are drawn from the seed unless given.
  `map`: a map (graphics/maps.py) of a region of graphics.maps.REGIONS, of [west, south, east,
  north] in degrees, or "around" its cities (at least `span` degrees of longitude wide,
  30 around a lone city); `cities` are dots joined to their neighbours, `highlight` the
  countries shown in white (ISO codes or names). Neither has text: the image is shared by
  every translation (images are synchronised fields), so names go in `alt`, the image's
  description, which is its alt text where it is not decorative.

Loaders create an object only when its slug is free, and translate only into languages
with no real translation yet: loading again changes nothing.

An app declares its loaders in its `demo` module: `DEMO_LOADERS = {stage: loader}`, a stage
of `DEMO_STAGES`. `manage.py load_demo_content` finds them (`demo_loaders()`) and runs them
stage by stage, each stage's in the order of `INSTALLED_APPS`, the order of the site's
sections (the menu lists the sections in the order they were made). Content that links one
app's pages to another's waits for the "links" stage, when every app's pages exist.
"""

import datetime
import importlib
import importlib.util
import tomllib

import polib
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale, Page, Site
from wagtail.snippets.blocks import SnippetChooserBlock

from core.localize import translate
from graphics.demo_images import demo_image

# The stages of the demo, in the order they run: every app's own pages and snippets; what
# links one app's content to that of the apps above it (cities to projects, events…); the
# home page's sections, which choose pages of every app; the roles, given permissions on
# every language's home page.
DEMO_STAGES = ("content", "links", "sections", "roles")


def demo_loaders():
    """[(dotted name, loader)]: the `DEMO_LOADERS` of every installed app's `demo` module,
    stage by stage, each stage's in the order of INSTALLED_APPS."""
    declared = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        for stage, loader in getattr(importlib.import_module(name), "DEMO_LOADERS", {}).items():
            if stage not in DEMO_STAGES:
                raise ValueError(f"{name}: unknown demo stage {stage!r}")
            declared.append((DEMO_STAGES.index(stage), f"{name}.{loader.__name__}", loader))
    declared.sort(key=lambda item: item[0])  # stable: apps keep their order in a stage
    return [(name, loader) for _stage, name, loader in declared]


def read_data(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def read_catalogs(directory):
    """{language code: PO file} for the `<language>.po` files in `directory`."""
    return {path.stem: polib.pofile(str(path)) for path in sorted(directory.glob("*.po"))}


def other_languages(source_language):
    return [code for code, _name in settings.LANGUAGES if code != source_language]


def locale_of(language_code):
    return Locale.objects.get(language_code=language_code)


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def page_at(path, locale, or_source=False):
    """The page at `path` (English slugs under the English home page) in `locale`; with
    `or_source`, the English page while it has no translation in `locale`."""
    page = Site.objects.get(is_default_site=True).root_page.specific
    for slug in filter(None, path.split("/")):
        page = child_by_slug(page, slug)
        if page is None:
            raise LookupError(f"No demo page at {path!r}")
    if or_source:
        return (page.get_translation_or_none(locale) or page).specific
    return page.get_translation(locale).specific


def is_page_relation(field):
    """Whether `field` is a ForeignKey or many-to-many field to a page model."""
    target = field.related_model if field.is_relation else None
    return isinstance(target, type) and issubclass(target, Page)


def snippet(model, slug, locale):
    return model.objects.get(locale=locale, slug=slug)


def paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def field_value(field, value, locale):
    if isinstance(value, dict) and "days_from_today" in value:
        return timezone.localdate() + datetime.timedelta(days=value["days_from_today"])
    if isinstance(field, StreamField):
        return block_value(field.stream_block, value, locale)
    if isinstance(field, RichTextField) and isinstance(value, list):
        return paragraphs(value)
    if field.is_relation and field.related_model is get_image_model() and isinstance(value, dict):
        return demo_image(value)
    if is_page_relation(field):
        if field.many_to_many:
            return [page_at(path, locale, or_source=True) for path in value]
        return page_at(value, locale, or_source=True)
    if field.many_to_many:
        return [snippet(field.related_model, slug, locale) for slug in value]
    return value


def block_value(block, value, locale):
    if isinstance(block, blocks.StreamBlock):
        return [
            (item["type"], block_value(block.child_blocks[item["type"]], item["value"], locale))
            for item in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_value(block.child_blocks[name], item, locale)
            for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item, locale) for item in value]
    if isinstance(block, blocks.PageChooserBlock):
        return page_at(value, locale)
    if isinstance(block, SnippetChooserBlock):
        return snippet(block.target_model, value, locale)
    if isinstance(block, ImageChooserBlock) and isinstance(value, dict):
        return demo_image(value)
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, list):
        return paragraphs(value)
    return value


def build(model, fields, locale):
    """An unsaved `model` instance in `locale` from its data (see the module docstring)."""
    values, relations = {}, {}
    for name, value in fields.items():
        field = model._meta.get_field(name)
        target = relations if field.many_to_many else values
        target[name] = field_value(field, value, locale)
    instance = model(locale=locale, **values)
    for name, items in relations.items():
        setattr(instance, name, items)
    return instance


def ensure_child(parent, page, counter):
    """Add `page` under `parent` unless a page with its slug is already there."""
    existing = child_by_slug(parent, page.slug)
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    counter.append(page)
    return page


def ensure_pages(entries, catalogs, counter, build_page=None, translate=True):
    """Create the pages of `entries` (data: type, parent, locale, fields) in order, each
    translated (when `translate`) before the next is made; returns {slug: page in its source
    language}.

    `build_page(model, fields, locale)` builds a page not there yet (default: `build`).
    """
    pages = {}
    for entry in entries:
        fields = dict(entry)
        model = apps.get_model(fields.pop("type"))
        locale = locale_of(fields.pop("locale", "en"))
        parent = page_at(fields.pop("parent"), locale)
        page = child_by_slug(parent, fields["slug"])
        if page is None:
            page = ensure_child(parent, (build_page or build)(model, fields, locale), counter)
        if translate:
            ensure_translations(page, catalogs, counter)
        pages[page.slug] = page
    return pages


def ensure_snippets(entries, catalogs, counter):
    """Create the snippets of `entries` (data: type, slug, fields) in English unless one with
    that slug exists, and translate each; returns {slug: snippet}."""
    english = locale_of("en")
    instances = {}
    for entry in entries:
        fields = dict(entry)
        model = apps.get_model(fields.pop("type"))
        instance = model.objects.filter(locale=english, slug=fields["slug"]).first()
        if instance is None:
            instance = build(model, fields, english)
            instance.save()
            counter.append(instance)
        ensure_translations(instance, catalogs, counter)
        instances[instance.slug] = instance
    return instances


def ensure_translations(instance, catalogs, counter):
    """Translate `instance` into every other language through wagtail-localize, once.

    `catalogs` is {language code: PO file}. A language that already has a real translation
    (not an alias) is left as it is.
    """
    source_language = instance.locale.language_code
    results = {source_language: instance}
    for code in other_languages(source_language):
        existing = instance.get_translation_or_none(locale_of(code))
        if existing is not None and not (isinstance(existing, Page) and existing.alias_of_id):
            results[code] = existing
            continue
        results[code] = translate(instance, code, catalogs[code])
        counter.append(results[code])
    return results
