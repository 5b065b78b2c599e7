"""The site's image tags (`core_images`: `{% rendition_or_none %}`, `{% site_picture %}`) are
named apart from Wagtail's, so a template that loads both libraries gets each as documented,
whichever it loads last."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images.templatetags import wagtailimages_tags
from wagtail_factories import ImageFactory

from core.images import PICTURES, Picture
from core.templatetags import core_images

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.fixture
def image(db):
    return ImageFactory(title="A square", file__width=1600, file__height=1200)


@pytest.fixture
def lost_image(db):
    image = ImageFactory(title="Lost photo")
    image.file.storage.delete(image.file.name)
    return image


def test_no_tag_of_the_site_has_the_name_of_one_of_wagtails():
    assert set(core_images.register.tags) == {"rendition_or_none", "site_picture"}
    assert not set(core_images.register.tags) & set(wagtailimages_tags.register.tags)


def test_wagtails_image_tag_is_not_shadowed_by_the_sites(lost_image):
    # Loaded last, core_images used to replace {% image %} with its own: Wagtail's shows a
    # missing file as not-found, the site's tag leaves it out.
    html = render("{% load wagtailimages_tags core_images %}{% image i width-100 %}", i=lost_image)
    assert "not-found" in html
    assert render("{% load core_images %}{% rendition_or_none i width-100 %}", i=lost_image) == ""


def test_wagtails_picture_tag_is_not_shadowed_by_the_sites(image):
    html = render(
        "{% load wagtailimages_tags core_images %}"
        '{% picture i format-{webp,jpeg} width-{200,400} sizes="50vw" %}',
        i=image,
    )
    assert html.startswith("<picture>") and 'type="image/webp"' in html and "400w" in html


def test_rendition_or_none_renders_as_wagtails_image_when_the_file_is_there(image):
    wagtails = render(
        '{% load wagtailimages_tags %}{% image i fill-300x200 loading="lazy" %}', i=image
    )
    ours = render(
        '{% load core_images %}{% rendition_or_none i fill-300x200 loading="lazy" %}', i=image
    )
    assert ours == wagtails and 'loading="lazy"' in ours and 'width="300"' in ours
    assigned = render(
        "{% load core_images %}{% rendition_or_none i fill-300x200 as r %}{{ r.width }}", i=image
    )
    assert assigned == "300"


def test_rendition_or_none_sets_none_for_a_missing_file_or_no_image(lost_image):
    source = (
        "{% load core_images %}{% rendition_or_none i width-100 as r %}{% if r %}shown{% endif %}"
    )
    assert render(source, i=lost_image) == ""
    assert render(source, i=None) == ""


def test_rendition_or_none_takes_wagtails_image_arguments_and_checks_them():
    with pytest.raises(TemplateSyntaxError):  # one rendition: no {a,b} expansion
        Template("{% load core_images %}{% rendition_or_none i width-{100,200} %}")
    with pytest.raises(TemplateSyntaxError):  # a filter spec is required
        Template("{% load core_images %}{% rendition_or_none i as r %}")


def test_site_picture_gives_the_named_cut_or_none(image, lost_image):
    source = '{% load core_images %}{% site_picture i "gallery" as p %}'
    context = Context({"i": image})
    Template(source).render(context)
    picture = context["p"]
    assert isinstance(picture, Picture)
    assert (picture.width, picture.sizes) == (600, PICTURES["gallery"].sizes)
    for missing in (lost_image, None):
        context = Context({"i": missing})
        Template(source).render(context)
        assert context["p"] is None
