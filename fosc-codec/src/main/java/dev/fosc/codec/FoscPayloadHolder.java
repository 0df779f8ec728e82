package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * The reference-counting half of every payload-holding message: the {@code ByteBufHolder} methods with
 * the message's own type as their result, so that {@code frame.retain()} is still a {@code FoscVideoData}.
 * Subclasses only say how to {@link #replace} their content.
 *
 * @param <T> the subclass
 */
abstract class FoscPayloadHolder<T extends FoscPayloadHolder<T>> extends DefaultByteBufHolder {

    FoscPayloadHolder(ByteBuf content) {
        super(content);
    }

    @Override
    public abstract T replace(ByteBuf content);

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    @Override
    public T copy() {
        return replace(content().copy());
    }

    @Override
    public T duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public T retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public T retain() {
        super.retain();
        return self();
    }

    @Override
    public T retain(int increment) {
        super.retain(increment);
        return self();
    }

    @Override
    public T touch() {
        super.touch();
        return self();
    }

    @Override
    public T touch(Object hint) {
        super.touch(hint);
        return self();
    }
}
