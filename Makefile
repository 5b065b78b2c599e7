# Shortcuts for dev.py, which needs nothing but Python.
.PHONY: run test lint messages

run:
	python3 dev.py run

test:
	python3 dev.py test

lint:
	.venv/bin/ruff check .

# Extract UI strings into locale/*/LC_MESSAGES/django.po, then compile them (commit both).
messages:
	.venv/bin/python manage.py makemessages -l fr -l es -l ar --ignore=.venv --ignore=tests --ignore=dev.py --ignore=.tools --ignore=screenshots --no-obsolete
	.venv/bin/python manage.py compilemessages --ignore=.venv
