"""Words for the user, rendered from the facts that domain and services return.

Qt-free, so the GUI, the CLI and printing share it. Languages come later (gettext catalogues
through Babel, as DESIGN.md describes); until then every new sentence for the user is written
here rather than inside domain or services, so that there is one place to translate.
"""
