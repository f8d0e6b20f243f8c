#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # On a laptop with nothing configured, commands run as the local site does
    # (debug on). Wherever a secret key is set, as in production, nothing is
    # assumed: DJANGO_DEBUG keeps its default, off.
    if "DJANGO_SECRET_KEY" not in os.environ:
        os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
