"""The script Streamlit runs for ``hipknee app`` (an installed package has no app.py)."""

from graph.app.main import main

main()
