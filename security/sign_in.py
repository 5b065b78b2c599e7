"""The admin's sign-in form, as Wagtail's, with its fields telling browsers and password
managers what they hold (WCAG 2.2 1.3.5, identify input purpose): Wagtail's LoginForm
replaces Django's username and password fields with ones that say nothing."""

from wagtail.admin.forms.auth import LoginForm


class AdminSignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
