"""Activity: the changes made through the console in the chosen namespace, with who made them and how they went."""

from modelfs_lib.ui import history
from modelfs_lib.ui.shell import require_namespace

state = require_namespace("Activity")
history.render(state)
