"""Activity: the changes made through the console in the chosen namespace, with who made them and how they went."""

from modelfs_lib.ui import history, pages
from modelfs_lib.ui.shell import page_frame

state = page_frame(pages.ACTIVITY)
history.render(state)
