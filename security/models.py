from security.page_passwords import PasswordAttempt  # noqa: F401 (this app's model)
