"""``python -m services.app`` runs the ``tipline`` command line."""

from services.app.cli import main

main()
