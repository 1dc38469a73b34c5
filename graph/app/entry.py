"""The script Streamlit runs for ``hipknee app`` (an installed package has no app.py)."""

from graph.app.main import run_app

run_app()
