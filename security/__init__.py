"""Security: who may sign in, and what the site refuses.

Owns staff two-factor sign-in (`two_factor`), the username-wide sign-in guard and django-axes'
username (`login_guard`), the visitor's address behind trusted proxies (`client_address`),
the limits on guessing a page's password (`page_passwords`, model `PasswordAttempt`), the
admin sign-in form's field purposes (`sign_in`), the upload checks (`uploads`) and the
security headers (`headers`: Content Security Policy).

May import: Django, Wagtail and their libraries; never `core`, `caching`, `graphics`,
`search` or an app.
"""
