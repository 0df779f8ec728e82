package dev.fosc.client.internal;

import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import dev.fosc.codec.FoscMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/** Records what a {@link FoscConnectionHandler} reports; releases the messages it receives. */
final class RecordingConnectionListener implements FoscConnectionListener {

    final List<String> calls = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    Throwable closeCause;
    FoscLoginReply refused;

    @Override
    public void connectionActive(FoscConnectionHandler connection) {
        calls.add("active");
    }

    @Override
    public void connectionLoggedIn(FoscConnectionHandler connection, FoscLoginReply reply) {
        calls.add("loggedIn:" + reply.cameraId());
    }

    @Override
    public void connectionLoginRefused(FoscConnectionHandler connection, FoscLoginReply reply) {
        calls.add("refused:" + reply.result());
        refused = reply;
    }

    @Override
    public void connectionLoginInvalid(FoscConnectionHandler connection, FoscMalformedPayloadException cause) {
        calls.add("loginInvalid");
    }

    @Override
    public void connectionLoginLost(FoscConnectionHandler connection) {
        calls.add("loginLost");
    }

    @Override
    public void connectionMessage(FoscConnectionHandler connection, FoscMessage message) {
        messages.add(message.command().name());
        ReferenceCountUtil.release(message);
    }

    @Override
    public void connectionVideo(FoscConnectionHandler connection, DefaultFoscVideoFrame frame) {
        messages.add("VIDEO_DATA");
        frame.release();
    }

    @Override
    public void connectionClosed(FoscConnectionHandler connection, Throwable cause) {
        calls.add("closed:" + cause.getClass().getSimpleName());
        closeCause = cause;
    }
}
