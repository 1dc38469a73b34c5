"""The Streamlit panels of the explorer; each module draws one part of the page."""
