"""A front-desk worker's browser session on the real stack (sign-in, the staff page, handovers), for the
integration tests that take a resident's conversation over."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from typing import List

from tests.live_stack import RunningStack

STAFF_PASSWORD = "balie-wachtwoord-lang"  # of the account "balie" that each test module creates


class Desk:
    """A front-desk worker's browser session, with cookies and the pages' CSRF tokens."""

    def __init__(self, stack: RunningStack) -> None:
        self.url = stack.url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = self.get("/login?next=/staff")
        self.post("/login", csrf=_csrf(login), username="balie", password=STAFF_PASSWORD, next="/staff")

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, **form: str) -> str:
        data = urllib.parse.urlencode(form).encode()
        with self.opener.open(urllib.request.Request(self.url + path, data=data), timeout=30) as response:
            return response.read().decode()

    def handovers(self) -> List[str]:
        return sorted(set(re.findall(r"/staff/handover/([\w-]+)\"", self.get("/staff"))))

    def take(self, handover: str) -> None:
        page = self.get(f"/staff/handover/{handover}")
        self.post(f"/staff/handover/{handover}/take", csrf=_csrf(page))

    def reply(self, handover: str, text: str) -> None:
        page = self.get(f"/staff/handover/{handover}")
        self.post(f"/staff/handover/{handover}/reply", csrf=_csrf(page), text=text)

    def hand_back(self, handover: str) -> None:
        page = self.get(f"/staff/handover/{handover}")
        self.post(f"/staff/handover/{handover}/release", csrf=_csrf(page))


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)
