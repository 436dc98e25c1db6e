"""The Datasette face of Inkoopradar: a document page with highlighted mentions, charts and a map."""
