#!/usr/bin/env python3
"""A minimal OTLP/HTTP trace receiver for bench/trace-breakdown.sh: decodes the protobuf of POST /v1/traces with the
standard library only and appends one JSON line per span (service, trace, span, parent, name, start, end) to a file.

    python3 bench/otlp_sink.py <port> <spans.jsonl>
"""
import json
import struct
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


def fields(buf):
    """(field number, wire type, value) of one protobuf message; value is bytes for length-delimited fields."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 1:
            value = struct.unpack_from("<Q", buf, i)[0]; i += 8
        elif wire == 2:
            length, i = varint(buf, i)
            value = buf[i:i + length]; i += length
        elif wire == 5:
            value = struct.unpack_from("<I", buf, i)[0]; i += 4
        else:
            raise ValueError("wire type %d" % wire)
        yield number, wire, value


def varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]; i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def service_name(resource):
    for number, _, kv in fields(resource):
        if number != 1:
            continue
        key = value = None
        for n, _, v in fields(kv):
            if n == 1:
                key = v.decode()
            elif n == 2:
                value = next((s.decode() for m, _, s in fields(v) if m == 1), None)
        if key == "service.name":
            return value
    return "?"


def spans(request):
    # ExportTraceServiceRequest.resource_spans(1) -> ResourceSpans{resource(1), scope_spans(2)} -> ScopeSpans{spans(2)}
    for number, _, resource_spans in fields(request):
        if number != 1:
            continue
        service = "?"
        scopes = []
        for n, _, v in fields(resource_spans):
            if n == 1:
                service = service_name(v)
            elif n == 2:
                scopes.append(v)
        for scope in scopes:
            for n, _, span in fields(scope):
                if n != 2:
                    continue
                record = {"service": service, "parent": ""}
                for m, _, v in fields(span):
                    if m == 1:
                        record["trace"] = v.hex()
                    elif m == 2:
                        record["span"] = v.hex()
                    elif m == 4:
                        record["parent"] = v.hex()
                    elif m == 5:
                        record["name"] = v.decode()
                    elif m == 7:
                        record["start"] = v
                    elif m == 8:
                        record["end"] = v
                yield record


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(OUT, "a") as out:
            for record in spans(body):
                out.write(json.dumps(record) + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    OUT = sys.argv[2]
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
