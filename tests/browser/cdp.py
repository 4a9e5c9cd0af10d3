#!/usr/bin/env python3
"""A small Chrome DevTools Protocol driver on Python's standard library alone.

Chromium runs headless with the protocol on a pipe (--remote-debugging-pipe): it reads our
messages on its fd 3 and writes its own on fd 4, each message one JSON object ended by a NUL
byte. No port is opened, so two test runs never collide and nothing else can attach.

Library use:

    with cdp.Browser() as browser:
        page = browser.new_page()
        page.navigate("/path/to/report.html")
        print(page.evaluate("document.title"))
        page.screenshot("out.png", width=1280)
        print(page.problems())      # console errors, exceptions, network requests

Command line (the README's screenshot):

    python3 tests/browser/cdp.py screenshot REPORT.html OUT.png [--width 1280]

Every wait has a limit: a browser that hangs or dies raises CdpError with what it was waiting
for, and the browser (its whole process group) is killed when the Browser is closed, when this
process ends, and -- through PR_SET_PDEATHSIG and the pipe closing -- when this process is
killed.
"""

import argparse
import base64
import ctypes
import json
import os
import pathlib
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

# Seconds. A cold start of Chromium on a loaded 2-core machine takes a few seconds; a page of
# the report loads in well under one. The limits are generous so only a real hang trips them.
DEFAULT_TIMEOUT = 30.0
# A screenshot taller than this is cut: Chromium refuses textures beyond 16,384 pixels.
MAX_SCREENSHOT_HEIGHT = 16384


class CdpError(Exception):
    """The browser could not be started, answered with an error, died or did not answer."""


def find_chromium():
    """The browser to run: $SFNSIM_CHROMIUM, else chromium / chromium-browser / google-chrome
    on PATH; None when there is none."""
    explicit = os.environ.get("SFNSIM_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def file_url(path):
    return pathlib.Path(path).resolve().as_uri()


def _strip_fragment(url):
    return urllib.parse.urldefrag(url)[0]


def _die_with_parent():
    """In the child before exec: its own process group (so closing kills every helper process
    Chromium starts), and SIGKILL when the test process dies without closing it."""
    os.setsid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the closing pipe still ends the browser


class Browser:
    """One headless Chromium process. Use as a context manager, or call close()."""

    def __init__(self, executable=None, timeout=DEFAULT_TIMEOUT, extra_args=()):
        self.timeout = timeout
        self.executable = executable or find_chromium()
        if not self.executable:
            raise CdpError("no Chromium found (install the Debian package chromium, or set "
                           "SFNSIM_CHROMIUM to the browser's path)")
        self._profile = tempfile.mkdtemp(prefix="sfnsim-chromium-")
        self._stderr = tempfile.TemporaryFile()
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies = {}              # id -> reply, filled by the reader thread
        self._replied = threading.Condition(self._lock)
        self._events = queue.Queue()    # (sessionId, method, params)
        self._listeners = {}            # sessionId -> Page
        self._closed = False
        self._reader_error = None
        self.process = None
        # Our ends: we write commands to to_browser_w, read replies from from_browser_r.
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        args = [self.executable, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-pipe", f"--user-data-dir={self._profile}",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--mute-audio",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                "--disable-dev-shm-usage", *extra_args, "about:blank"]

        def child_setup():
            # The protocol's fixed descriptors: 3 is what the browser reads, 4 what it writes.
            # Move the ends out of the way first, in case one of them already is 3 or 4.
            r = os.dup(to_browser_r)
            w = os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
            _die_with_parent()

        try:
            self.process = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=self._stderr, stderr=self._stderr,
                preexec_fn=child_setup, close_fds=False)
        except OSError as e:
            for fd in (to_browser_r, to_browser_w, from_browser_r, from_browser_w):
                os.close(fd)
            self._cleanup_files()
            raise CdpError(f"cannot start {self.executable}: {e}") from e
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._write_fd = to_browser_w
        self._read_fd = from_browser_r
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        try:
            self.version = self.send("Browser.getVersion")
        except CdpError:
            self.close()
            raise

    # -- plumbing ------------------------------------------------------------------------

    def _read_loop(self):
        pieces = []  # the message being read; a screenshot is megabytes in many reads
        try:
            while True:
                chunk = os.read(self._read_fd, 1 << 20)
                if not chunk:
                    break
                *complete, rest = chunk.split(b"\0")
                for end in complete:
                    pieces.append(end)
                    self._dispatch(json.loads(b"".join(pieces)))
                    pieces = []
                pieces.append(rest)
        except (OSError, ValueError) as e:
            self._reader_error = f"reading the browser's messages: {e}"
        with self._lock:
            self._closed = True
            self._replied.notify_all()

    def _dispatch(self, message):
        if "id" in message:
            with self._lock:
                self._replies[message["id"]] = message
                self._replied.notify_all()
            return
        page = self._listeners.get(message.get("sessionId"))
        if page is not None:
            page._on_event(message.get("method", ""), message.get("params", {}))

    def _stderr_tail(self):
        try:
            self._stderr.seek(0)
            text = self._stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        lines = [line for line in text.splitlines() if line.strip()]
        return "\n".join(lines[-15:])

    def _gone(self, what):
        status = self.process.poll() if self.process else None
        why = f"the browser exited with status {status}" if status is not None else \
            "the browser closed the protocol pipe"
        if self._reader_error:
            why = self._reader_error
        tail = self._stderr_tail()
        return CdpError(f"{what}: {why}" + (f"\nbrowser stderr:\n{tail}" if tail else ""))

    def send(self, method, params=None, session_id=None, timeout=None):
        """Sends one command and returns its result; raises CdpError on an error reply, on a
        browser that is gone, or after `timeout` seconds without a reply."""
        timeout = self.timeout if timeout is None else timeout
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            if self._closed:
                raise self._gone(f"{method}")
        message = {"id": message_id, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                written = os.write(self._write_fd, data)
                data = data[written:]
        except OSError as e:
            raise self._gone(f"{method}: writing to the browser ({e})") from e
        deadline = time.monotonic() + timeout
        with self._lock:
            while message_id not in self._replies:
                left = deadline - time.monotonic()
                if self._closed:
                    raise self._gone(f"{method}")
                if left <= 0:
                    raise CdpError(f"{method}: no answer from the browser in {timeout:g} s")
                self._replied.wait(left)
            reply = self._replies.pop(message_id)
        if "error" in reply:
            error = reply["error"]
            raise CdpError(f"{method}: {error.get('message', error)}"
                           + (f" ({error['data']})" if error.get("data") else ""))
        return reply.get("result", {})

    # -- pages ---------------------------------------------------------------------------

    def new_page(self):
        """A fresh tab, attached with its own session: what it logs is its own."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        self._listeners[session] = page
        page._enable()
        return page

    def close(self):
        """Ends the browser: a polite Browser.close, then SIGKILL to its whole process group.
        Safe to call twice."""
        if self.process is None:
            self._cleanup_files()
            return
        if self.process.poll() is None and not self._closed:
            try:
                self.send("Browser.close", timeout=3)
            except CdpError:
                pass
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
        # Helpers (renderer, zygote, utility processes) share the group; kill whatever is left.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self._write_fd, self._read_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        self._reader.join(timeout=5)
        self.process = None
        self._cleanup_files()

    def _cleanup_files(self):
        shutil.rmtree(self._profile, ignore_errors=True)
        try:
            self._stderr.close()
        except (OSError, AttributeError):
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Page:
    """One tab. Collects what a self-contained page must not do: console errors and warnings,
    uncaught exceptions, error log entries, and requests for anything but itself or data:."""

    def __init__(self, browser, target_id, session_id):
        self.browser = browser
        self.target_id = target_id
        self.session_id = session_id
        self.url = None
        self.console = []      # "error: text" / "warning: text"
        self.exceptions = []
        self.log_errors = []
        self.requests = []     # every URL the page asked for
        self._loaded = threading.Event()
        self._lock = threading.Lock()

    def send(self, method, params=None, timeout=None):
        return self.browser.send(method, params, self.session_id, timeout)

    def _enable(self):
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable")

    def _on_event(self, method, params):
        with self._lock:
            if method == "Runtime.consoleAPICalled":
                kind = params.get("type", "")
                if kind in ("error", "warning", "assert"):
                    text = " ".join(_remote_object_text(a) for a in params.get("args", []))
                    self.console.append(f"{kind}: {text}")
            elif method == "Runtime.exceptionThrown":
                self.exceptions.append(_exception_text(params.get("exceptionDetails", {})))
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") == "error":
                    where = f" ({entry['url']})" if entry.get("url") else ""
                    self.log_errors.append(f"{entry.get('source', 'log')}: "
                                           f"{entry.get('text', '')}{where}")
            elif method == "Network.requestWillBeSent":
                self.requests.append(params.get("request", {}).get("url", ""))
            elif method == "Page.loadEventFired":
                self._loaded.set()

    def navigate(self, path_or_url, timeout=None):
        """Loads a file (a path) or URL and waits for its load event and two animation frames,
        so that scripts run at load have drawn."""
        timeout = self.browser.timeout if timeout is None else timeout
        url = path_or_url if "://" in path_or_url else file_url(path_or_url)
        with self._lock:
            # What the page did is counted per document: a new load starts afresh.
            self.url = url
            self.console, self.exceptions, self.log_errors, self.requests = [], [], [], []
        self._loaded.clear()
        result = self.send("Page.navigate", {"url": url}, timeout=timeout)
        if result.get("errorText"):
            raise CdpError(f"loading {url}: {result['errorText']}")
        if not self._loaded.wait(timeout):
            raise CdpError(f"loading {url}: no load event in {timeout:g} s (a script that "
                           "never ends, or a resource that never arrives)")
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))",
                      timeout=timeout)

    def evaluate(self, expression, timeout=None):
        """The expression's value as JSON (promises are awaited); raises CdpError when it
        throws or does not finish in time."""
        timeout = self.browser.timeout if timeout is None else timeout
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True,
                  "timeout": int(timeout * 1000)}
        result = self.send("Runtime.evaluate", params, timeout=timeout + 2)
        if "exceptionDetails" in result:
            raise CdpError(f"evaluating {expression[:80]!r}: "
                           f"{_exception_text(result['exceptionDetails'])}")
        value = result.get("result", {})
        return value.get("value")

    def screenshot(self, path, width=1280, timeout=None):
        """Writes a PNG of the whole page (not only the window) at `width` CSS pixels; the
        height is the page's, up to MAX_SCREENSHOT_HEIGHT."""
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        # Let the layout follow the new width before measuring it.
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))",
                      timeout=timeout)
        metrics = self.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        height = int(min(max(size.get("height", 800), 1), MAX_SCREENSHOT_HEIGHT))
        shot = self.send("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True,
                          "clip": {"x": 0, "y": 0, "width": width, "height": height,
                                   "scale": 1}},
                         timeout=timeout)
        pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))
        return width, height

    def foreign_requests(self):
        """Requests for anything but the page itself and data: URLs."""
        own = _strip_fragment(self.url or "")
        with self._lock:
            return [u for u in self.requests
                    if _strip_fragment(u) != own and not u.startswith("data:")]

    def problems(self):
        """Everything the page did wrong, one line each."""
        with self._lock:
            lines = [f"console {c}" for c in self.console]
            lines += [f"uncaught exception: {e}" for e in self.exceptions]
            lines += [f"log error: {e}" for e in self.log_errors]
        lines += [f"network request: {u}" for u in self.foreign_requests()]
        return lines

    def close(self):
        self.browser._listeners.pop(self.session_id, None)
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target_id}, timeout=5)
        except CdpError:
            pass


def _remote_object_text(obj):
    if "value" in obj:
        value = obj["value"]
        return value if isinstance(value, str) else json.dumps(value)
    return obj.get("description") or obj.get("unserializableValue") or obj.get("type", "")


def _exception_text(details):
    exception = details.get("exception") or {}
    text = exception.get("description") or details.get("text") or "exception"
    line = details.get("lineNumber")
    where = f" (line {line + 1})" if isinstance(line, int) else ""
    return text.splitlines()[0] + where if text else "exception" + where


def _main(argv):
    parser = argparse.ArgumentParser(
        prog="cdp.py", description="Drive headless Chromium over the DevTools protocol.")
    commands = parser.add_subparsers(dest="command", required=True)
    shot = commands.add_parser("screenshot", help="write a full-page PNG of an HTML file")
    shot.add_argument("html")
    shot.add_argument("png")
    shot.add_argument("--width", type=int, default=1280)
    shot.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    args = parser.parse_args(argv)
    if not os.path.isfile(args.html):
        print(f"cdp.py: {args.html}: no such file", file=sys.stderr)
        return 2
    if not 100 <= args.width <= 8192:
        print(f"cdp.py: --width {args.width}: expected 100 to 8192 pixels", file=sys.stderr)
        return 2
    try:
        with Browser(timeout=args.timeout) as browser:
            page = browser.new_page()
            page.navigate(args.html)
            width, height = page.screenshot(args.png, width=args.width)
            for line in page.problems():
                print(f"cdp.py: {args.html}: {line}", file=sys.stderr)
    except CdpError as e:
        print(f"cdp.py: {e}", file=sys.stderr)
        return 1
    print(f"{args.png}: {width} x {height} pixels")
    return 0


def exit_on_sigterm():
    """A test runner's SIGTERM (CTest's timeout) unwinds through the `with Browser()` blocks,
    so the browser is closed instead of orphaned."""
    def handler(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, handler)


if __name__ == "__main__":
    exit_on_sigterm()
    sys.exit(_main(sys.argv[1:]))
