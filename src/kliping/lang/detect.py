def detect_language(text: str) -> str | None:
    return None
