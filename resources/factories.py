"""Factories and a fast generator of realistic resources (tests, benchmarks)."""

import datetime
import random

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale

from resources.models import ResourceFile, ResourceKind, ResourceLibraryPage, ResourcePage
from resources.pdf import simple_pdf
from taxonomy.models import Partner, Theme

# The vocabulary of generated titles and summaries, most frequent first: words are drawn
# with Zipf's law (the n-th word n times rarer than the first), as in real text, so a
# topical word such as "housing" is in about a fifth of the resources, not in all of them.
WORDS = (
    "local cities migration inclusion policy rights social urban public municipal "
    "migrants services city governments participation dialogue network human national "
    "housing integration access women education cooperation governance regional "
    "development community communities refugees youth learning peer exchange "
    "mediterranean citizenship minors health employment language culture diversity "
    "discrimination equality democracy participatory budgeting welcoming reception "
    "mobility labour markets data evidence statistics strategy plan actions toolkit "
    "practices lessons experiences recommendations framework agenda compact global "
    "sustainable goals decentralisation finance budget partnerships civil society "
    "organisations associations networks advocacy campaign declaration charter "
    "mayors councils elected representatives officials staff training capacity "
    "building workshop seminar conference debate forum meeting study visit report "
    "brief review assessment evaluation monitoring indicators methodology survey "
    "interviews case studies neighbourhoods districts metropolitan areas towns "
    "intermediary territories coordination levels multilevel competences "
    "responsibilities legislation law legal status documentation registration "
    "schooling schools children families unaccompanied gender violence protection "
    "safety security hate speech racism xenophobia narratives communication media "
    "awareness trust cohesion belonging identity memory heritage arts sports "
    "volunteering solidarity hospitality shelter homelessness poverty income "
    "benefits welfare care elderly disability accessibility digital technology "
    "innovation climate environment displacement return diaspora remittances "
    "entrepreneurship skills recognition qualifications internships apprenticeships"
).split()
WORD_WEIGHTS = [1 / rank for rank in range(1, len(WORDS) + 1)]


def _words(rng, count, distinct=False):
    if not distinct:
        return rng.choices(WORDS, weights=WORD_WEIGHTS, k=count)
    words = []
    while len(words) < count:
        word = rng.choices(WORDS, weights=WORD_WEIGHTS)[0]
        if word not in words:
            words.append(word)
    return words


class ResourceLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"
    show_in_menus = True

    class Meta:
        model = ResourceLibraryPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = ResourceKind.REPORT
    publication_date = datetime.date(2024, 1, 1)
    summary = "A resource for tests."

    class Meta:
        model = ResourcePage


def add_resource(library, file_languages=(), themes=(), publishers=(), **fields):
    """A published resource with a small PDF in each of `file_languages`."""
    documents = sample_documents(file_languages)
    page = ResourcePageFactory.build(**fields)
    page.themes = list(themes)
    page.publishers = list(publishers)
    page.files = [ResourceFile(document=documents[code], language=code) for code in file_languages]
    library.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def sample_documents(languages=("en", "fr", "es", "ar")):
    """One small PDF per language, shared by generated resources."""
    model = get_document_model()
    documents = {}
    for code in languages:
        title = f"Generated sample file ({code})"
        document = model.objects.filter(title=title).first()
        if document is None:
            document = model(title=title)
            document.file.save(
                f"generated-{code}.pdf", ContentFile(simple_pdf([title])), save=False
            )
            document._set_document_file_metadata()
            document.save()
        documents[code] = document
    return documents


def generate_resources(library, count, seed=0, translate_into=()):
    """Add `count` resources with themes, publishers and files in 1–4 languages.

    With `translate_into` (language codes), each is also copied into those languages'
    libraries as a published translation (`copy_for_translation`: the page structure a
    wagtail-localize translation has, without going through its string editor, which
    would take hours for thousands of pages).
    """
    rng = random.Random(seed)
    english = Locale.objects.get(language_code="en")
    themes = list(Theme.objects.filter(locale=english))
    partners = list(Partner.objects.filter(locale=english))
    documents = sample_documents()
    start = ResourcePage.objects.child_of(library).count()
    with transaction.atomic():
        for number in range(start, start + count):
            words = _words(rng, 4, distinct=True)
            page = ResourcePage(
                title=f"{' '.join(words).capitalize()} {number}",
                slug=f"generated-{number}",
                kind=rng.choice(ResourceKind.values),
                publication_date=datetime.date(2010, 1, 1)
                + datetime.timedelta(days=rng.randrange(16 * 365)),
                summary=" ".join(_words(rng, 25)),
            )
            page.themes = rng.sample(themes, rng.randint(1, 3)) if themes else []
            page.publishers = rng.sample(partners, 1) if partners else []
            languages = rng.sample(list(documents), rng.randint(1, 4))
            page.files = [
                ResourceFile(document=documents[code], language=code) for code in languages
            ]
            library.add_child(instance=page)
            for code in translate_into:
                copy = page.copy_for_translation(Locale.objects.get(language_code=code))
                copy.title = f"{copy.title} ({code})"
                copy.save_revision().publish()
    return count
