"""``python -m sphinx_newsposts``: the ``newsposts`` command."""

import sys

from sphinx_newsposts.cli import main

sys.exit(main())
