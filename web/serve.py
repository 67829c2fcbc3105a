#!/usr/bin/env python3
"""A static file server for basin's web edition (web/dist/), on 127.0.0.1 by default.

Like `python3 -m http.server`, with `.wasm` served as application/wasm (for streaming
compilation), no caching (a rebuilt site is always the one loaded), and the
cross-origin-isolation headers (COOP/COEP) that a page needs for shared memory, so the site
behaves the same here as on a host that sends them. (On a server that sends none, the page
gets them from its service worker, web/coi-sw.js, after one reload.)

    python3 web/serve.py [DIR] [--port N] [--bind ADDR] [--port-file FILE]

--port 0 picks a free port; --port-file writes the port chosen there (web/test.sh uses it).
"""

import argparse
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        sys.stderr.write("%s\n" % (format % args))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default="web/dist")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port-file")
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as server:
        port = server.server_address[1]
        if args.port_file:
            with open(args.port_file, "w", encoding="utf-8") as f:
                f.write(str(port))
        print(f"serving {args.dir} on http://{args.bind}:{port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
