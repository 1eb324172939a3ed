"""Coach: a home exercise and therapy coach for people with back and neck pain.

The package is layered (domain <- store/exchange <- services <- ui); import-linter enforces it.
"""

__version__ = "0.1.0"
APP_NAME = "Coach"
APP_ID = "org.coachapp.Coach"
