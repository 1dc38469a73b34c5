"""Hip–Knee Explorer: click through how hip alignment causes knee pain, then study it.

In a checkout: ``streamlit run app.py [-- --data PATH]``. Installed: ``hipknee app``.
The page itself lives in ``graph/app/``.
"""

from graph.app.main import run_app

run_app()
