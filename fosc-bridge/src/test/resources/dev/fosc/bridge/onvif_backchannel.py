#!/usr/bin/python3
"""GStreamer's rtspsrc as an ONVIF backchannel client: plays rtsp URL (video and audio into fakesinks) and pushes
SECONDS of a FREQ Hz sine (8 kHz, RTP: µ-law, A-law or L16 big-endian) into the backchannel, paced in real time,
then tears down. Credentials, if any, go in the URL (rtsp://user:password@host:port/name).

usage: onvif_backchannel.py URL SECONDS FREQ [pcmu|pcma|l16]
Prints 'backchannel stream N', 'pushed N packets, M ms' (GStreamer drops a few buffers while it starts), exits 0; non-zero with a message on an error.

The refcount trap (TESTING-NOTES.md): push-backchannel-buffer takes its own reference off the sample and PyGObject
releases it too, so one C reference is added through ctypes before each emit.
"""
import ctypes
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402

url, seconds, freq = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
codec = sys.argv[4] if len(sys.argv) > 4 else "pcmu"
ENCODERS = {
    "pcmu": "audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay",
    "pcma": "audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay",
    # L16 on the payload type the bridge offers for it (97), samples big-endian as RFC 3551 has them
    "l16": "audio/x-raw,rate=8000,channels=1 ! audioconvert ! audio/x-raw,format=S16BE,rate=8000,channels=1 "
           "! rtpL16pay pt=97",
}
Gst.init(None)
libgst = ctypes.CDLL("libgstreamer-1.0.so.0")
libgst.gst_mini_object_ref.restype = ctypes.c_void_p
libgst.gst_mini_object_ref.argtypes = [ctypes.c_void_p]

loop = GLib.MainLoop()
state = {"stream": None, "pushed": 0, "pushed_ns": 0, "error": None}
ready = threading.Event()

receiver = Gst.Pipeline.new("receiver")
src = Gst.ElementFactory.make("rtspsrc", "src")
src.set_property("location", url)
src.set_property("backchannel", "onvif")
src.set_property("protocols", "tcp")
src.set_property("latency", 200)
receiver.add(src)


def on_select_stream(_src, num, caps):
    s = caps.get_structure(0)
    if s.has_field("a-sendonly"):
        state["stream"] = num
        print("backchannel stream", num, flush=True)
    return True


def on_pad_added(_src, pad):
    sink = Gst.ElementFactory.make("fakesink", None)
    sink.set_property("sync", False)
    receiver.add(sink)
    sink.sync_state_with_parent()
    pad.link(sink.get_static_pad("sink"))


src.connect("select-stream", on_select_stream)
src.connect("pad-added", on_pad_added)

buffers = int(seconds * 8000 / 160)
sender = Gst.parse_launch(
    "audiotestsrc wave=sine freq=%f samplesperbuffer=160 num-buffers=%d ! %s "
    "! appsink name=out sync=true emit-signals=true" % (freq, buffers, ENCODERS[codec]))
appsink = sender.get_by_name("out")


def on_new_sample(sink):
    sample = sink.emit("pull-sample")
    if sample is None or state["stream"] is None:
        return Gst.FlowReturn.OK
    pointer = ctypes.c_void_p.from_address(id(sample) + 2 * ctypes.sizeof(ctypes.c_void_p)).value
    libgst.gst_mini_object_ref(pointer)  # the emit takes one reference, PyGObject drops another
    src.emit("push-backchannel-buffer", state["stream"], sample)
    state["pushed"] += 1
    state["pushed_ns"] += sample.get_buffer().duration
    return Gst.FlowReturn.OK


appsink.connect("new-sample", on_new_sample)


def on_message(bus, message, name):
    if message.type == Gst.MessageType.ERROR:
        err, debug = message.parse_error()
        state["error"] = "%s: %s (%s)" % (name, err.message, debug)
        loop.quit()
    elif message.type == Gst.MessageType.EOS and name == "sender":
        GLib.timeout_add(500, loop.quit)  # let the last packets leave
    elif (message.type == Gst.MessageType.STATE_CHANGED and message.src == receiver and name == "receiver"
          and message.parse_state_changed()[1] == Gst.State.PLAYING and not ready.is_set()):
        ready.set()
        sender.set_state(Gst.State.PLAYING)


for pipeline, name in ((receiver, "receiver"), (sender, "sender")):
    bus = pipeline.get_bus()
    bus.add_signal_watch()
    bus.connect("message", on_message, name)

receiver.set_state(Gst.State.PLAYING)
GLib.timeout_add_seconds(int(seconds) + 30, lambda: (state.update(error="timed out"), loop.quit()))
loop.run()
sender.set_state(Gst.State.NULL)
receiver.set_state(Gst.State.NULL)
print("pushed", state["pushed"], "packets,", state["pushed_ns"] // 1000000, "ms", flush=True)
if state["error"]:
    print("error:", state["error"], flush=True)
    sys.exit(1)
if state["stream"] is None:
    print("error: the server offered no backchannel stream", flush=True)
    sys.exit(2)
