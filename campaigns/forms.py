"""The endorsement form that signers fill in on a campaign's page, and the checks of its
email address: one spelling per mailbox (`normalised_email`), domains in their IDNA form
(`mail_domain`). The views that use it: `campaigns.views`."""

import unicodedata

import idna
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.endorsements import Endorsement, SignatoryType


class CountrySelect(forms.Select):
    """The country list (about 250 options) rendered in Python: Django renders each option
    of a select through a template of its own, a third of an uncached campaign page's time.
    Same markup, attributes (id, required, aria-describedby, aria-invalid) and selection."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, mark_safe(" selected") if str(code) in selected else "", label)
                for code, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attributes), options)


class EndorsementForm(forms.ModelForm):
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    consent_privacy = forms.BooleanField(
        required=True,
        label=_(
            "I have read the privacy notice and agree to my data being processed to "
            "handle this endorsement."
        ),
        error_messages={"required": _("Please accept the privacy notice to sign.")},
    )
    consent_public = forms.BooleanField(
        required=False,
        label=_("List our organisation, city and country publicly among the signatories."),
    )

    class Meta:
        model = Endorsement
        fields = [
            "signatory_type",
            "organisation",
            "city",
            "country",
            "contact_name",
            "contact_role",
            "email",
            "consent_public",
            "consent_privacy",
        ]
        help_texts = {
            "organisation": _("e.g. City of Tangier."),
            "contact_role": _("e.g. Deputy Mayor for Social Inclusion."),
            "email": _("We send a confirmation link to this address. It is never published."),
        }

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "email" in data:
            # NFKC before Django's validation: full-width letters are the same address.
            data = data.copy()
            data["email"] = unicodedata.normalize("NFKC", data["email"])
        super().__init__(data, *args, **kwargs)
        self.fields["country"].widget = CountrySelect()
        self.fields["country"].choices = [("", _("Choose a country"))] + list(countries)
        # A prompt, not Django's "---------", in the visitor's language.
        self.fields["signatory_type"].choices = [("", _("Choose a type"))] + list(
            SignatoryType.choices
        )
        autocomplete = {
            "organisation": "organization",
            "city": "address-level2",
            "contact_name": "name",
            "contact_role": "organization-title",
            "email": "email",
            "country": "country",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return normalised_email(self.cleaned_data["email"])

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


def normalised_email(address):
    """One spelling per mailbox, and only addresses a confirmation email can reach.

    Unicode NFKC and lower case; invisible characters (controls, bidirectional marks,
    zero-width spaces, soft hyphens) and quoted or non-Latin local parts are refused (mail
    servers seldom accept them). The domain is kept in its IDNA form (`mail_domain`), so
    `bücher.example` and `xn--bcher-kva.example` are one mailbox. A `+tag` is kept: it is
    the signer's own address, and moderation sees duplicates.
    """
    address = unicodedata.normalize("NFKC", address).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs") for ch in address):
        raise forms.ValidationError(
            gettext("The email address contains invisible characters or spaces: retype it.")
        )
    local, _, domain = address.rpartition("@")
    if local.startswith('"') or not local.isascii():
        raise forms.ValidationError(
            gettext(
                "Use an address whose part before the @ has Latin letters, digits and . _ - + only."
            )
        )
    return f"{local.lower()}@{mail_domain(domain)}"


# Scripts that one domain label may mix (Unicode's "highly restrictive" profile, UTS 39):
# Japanese, Chinese and Korean write Latin and Han with their own scripts.
MIXABLE_SCRIPTS = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
# A letter's script is the first word of its Unicode name, but for these.
SCRIPT_OF_NAME = {
    "CJK": {"HAN"},
    "IDEOGRAPHIC": {"HAN"},
    "KATAKANA-HIRAGANA": set(),  # the prolonged sound mark: either kana
    "MODIFIER": set(),  # modifier letters belong to no one script
}


def _scripts(label):
    scripts = set()
    for ch in label:
        if unicodedata.category(ch).startswith("L"):
            word = unicodedata.name(ch, "").split(" ", 1)[0]
            scripts |= SCRIPT_OF_NAME.get(word, {word})
    return scripts


def _label(label):
    """(A-label, U-label) of one label. A plain ASCII one stays as it is: IDNA 2008 reserves
    `ab--` labels for itself, but such host names predate it and receive mail."""
    if label.isascii() and not label.startswith("xn--"):
        if not label:
            raise idna.IDNAError("empty label")
        return label, label
    ascii_label = idna.alabel(label).decode("ascii")
    return ascii_label, idna.ulabel(ascii_label)


def mail_domain(domain):
    """The domain in its IDNA 2008 form (UTS 46 mapping), as mail servers look it up: the
    one spelling compared and stored. Non-transitional (what registries and browsers use):
    `straße.example` stays `xn--strae-oqa.example`, a domain apart from `strasse.example`
    that another party may hold, so mail for one never goes to the other. Refused: address
    literals (`[127.0.0.1]`) and bare IP addresses, and labels mixing scripts (a Cyrillic
    `с` in a Latin name), the look-alikes of another organisation's domain."""
    not_a_domain = forms.ValidationError(
        gettext("The part after the @ is not a domain that can receive email.")
    )
    if domain.startswith("["):
        raise forms.ValidationError(
            gettext("Use an address at a domain name, not at an IP address.")
        )
    try:
        labels = [_label(label) for label in idna.uts46_remap(domain).split(".")]
    except (idna.IDNAError, UnicodeError, IndexError):
        raise not_a_domain from None
    ascii_domain = ".".join(ascii_label for ascii_label, _unicode in labels)
    if labels[-1][0].isdigit():  # no top-level domain is a number
        raise forms.ValidationError(
            gettext("Use an address at a domain name, not at an IP address.")
        )
    for _ascii, label in labels:
        scripts = _scripts(label)
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in MIXABLE_SCRIPTS):
            raise forms.ValidationError(
                gettext(
                    "The part after the @ mixes alphabets (for example a Cyrillic letter "
                    "among Latin ones): retype it."
                )
            )
    return ascii_domain
