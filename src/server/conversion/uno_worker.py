#!/usr/bin/python3
# Keeps one headless LibreOffice (soffice) warm and converts .docx files to PDF over UNO.
#
# Started by src/server/conversion/libreOfficeConverter.ts with Debian's /usr/bin/python3 (it
# needs the python3-uno package). Protocol: one JSON object per line.
#   argv[1]   {"soffice": path, "profile": dir, "pipe": name, "warmup": docx path|null, "startTimeoutSec": n}
#   stdout -> {"event": "ready", "pid": soffice pid, "ms": start-up time}
#   stdin  <- {"id": n, "input": docx path, "output": pdf path, "pdfa": bool}
#   stdout -> {"id": n, "ok": true, "ms": n} | {"id": n, "ok": false, "kind": "input"|"bridge", "message": "..."}
#   stdin  <- {"cmd": "quit"}   (or EOF): terminate soffice and exit
# Node owns the process group: on a timeout it kills the whole group and starts a new worker.
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

OUT = sys.stdout
sys.stdout = sys.stderr  # nothing but protocol lines may reach the real stdout


def send(obj):
    OUT.write(json.dumps(obj) + "\n")
    OUT.flush()


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class InputError(Exception):
    pass


def start_soffice(cfg):
    profile_url = uno.systemPathToFileUrl(cfg["profile"])
    args = [
        cfg["soffice"],
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--nofirststartwizard",
        "-env:UserInstallation=" + profile_url,
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % cfg["pipe"],
    ]
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)


def connect(cfg, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % cfg["pipe"]
    deadline = time.time() + float(cfg.get("startTimeoutSec", 60))
    while True:
        if proc.poll() is not None:
            raise RuntimeError("soffice exited during start-up with code %s" % proc.returncode)
        try:
            ctx = resolver.resolve(url)
            smgr = ctx.ServiceManager
            return smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if time.time() > deadline:
                raise RuntimeError("soffice did not accept a connection in time")
            time.sleep(0.05)


LOAD_PROPS = (
    prop("Hidden", True),
    prop("ReadOnly", True),
    # Skip type detection: the caller only sends .docx, and garbage must fail, not load as text.
    prop("FilterName", "MS Word 2007 XML"),
    prop("UpdateDocMode", 0),  # com.sun.star.document.UpdateDocMode.NO_UPDATE: no external links
    prop("MacroExecutionMode", 0),  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
    prop("Silent", True),
)


def export_props(pdfa):
    # SelectPdfVersion: 0 = PDF 1.x default, 1 = PDF/A-1b, 2 = PDF/A-2b, 3 = PDF/A-3b.
    # PDF/A embeds every font (also the standard 14); comments are never exported.
    data = (
        prop("SelectPdfVersion", 2 if pdfa else 0),
        prop("EmbedStandardFonts", True),
        prop("ExportNotes", False),
        prop("ExportNotesInMargin", False),
        prop("ExportBookmarks", True),
        prop("UseTaggedPDF", False),
        prop("ReduceImageResolution", False),
        prop("Quality", 90),
    )
    return (
        prop("FilterName", "writer_pdf_Export"),
        prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)),
        prop("Overwrite", True),
    )


EXPORT_PDFA = export_props(True)
EXPORT_PLAIN = export_props(False)


def is_bridge_error(e):
    name = type(e).__name__
    text = str(e)
    return name in ("DisposedException",) or "bridge" in text.lower() or "disposed" in text.lower()


def convert(desktop, src, dst, pdfa):
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, LOAD_PROPS)
    except Exception as e:  # IllegalArgumentException, IOException: the file is unreadable
        if is_bridge_error(e):
            raise
        raise InputError("%s: %s" % (type(e).__name__, getattr(e, "Message", "") or str(e)))
    if doc is None:
        raise InputError("LibreOffice could not open the document")
    try:
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(dst), EXPORT_PDFA if pdfa else EXPORT_PLAIN))
    finally:
        try:
            doc.close(True)
        except Exception:
            try:
                doc.dispose()
            except Exception:
                pass


def stop(desktop, proc):
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=5)
    except Exception:
        proc.kill()


def main():
    cfg = json.loads(sys.argv[1])
    started = time.time()
    proc = start_soffice(cfg)
    desktop = None
    try:
        desktop = connect(cfg, proc)
        warmup = cfg.get("warmup")
        if warmup:
            # Loads the Writer, DOCX import and PDF export libraries before the first real job.
            convert(desktop, warmup, warmup + ".pdf", True)
        send({"event": "ready", "pid": proc.pid, "ms": int((time.time() - started) * 1000)})
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            req = json.loads(line)
            if req.get("cmd") == "quit":
                break
            t0 = time.time()
            try:
                convert(desktop, req["input"], req["output"], bool(req.get("pdfa", True)))
                send({"id": req["id"], "ok": True, "ms": round((time.time() - t0) * 1000, 1)})
            except InputError as e:
                send({"id": req["id"], "ok": False, "kind": "input", "message": str(e)})
            except Exception as e:
                kind = "bridge" if is_bridge_error(e) or proc.poll() is not None else "input"
                send({"id": req["id"], "ok": False, "kind": kind, "message": "%s: %s" % (type(e).__name__, str(e))})
                if kind == "bridge":
                    break
    except Exception as e:
        send({"event": "error", "message": "%s: %s" % (type(e).__name__, str(e))})
    finally:
        stop(desktop, proc)


if __name__ == "__main__":
    main()
