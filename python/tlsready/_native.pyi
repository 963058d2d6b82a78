from typing import Callable

__version__: str
SCHEMA_VERSION: str

def scan_streaming(targets_json: str, options_json: str, on_result: Callable[[int, str], None]) -> None: ...
def scan_one(target_json: str, options_json: str) -> str: ...
