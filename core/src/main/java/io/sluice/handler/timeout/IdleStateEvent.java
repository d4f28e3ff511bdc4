package io.sluice.handler.timeout;

import java.util.Objects;

/**
 * The user event {@link IdleStateHandler} fires. {@code first} is true for the first event of an
 * idle stretch and false for the repeats, one per idle period, until the channel is active again.
 * The six possible events are shared constants: firing one allocates nothing.
 *
 * @param state what the channel has not done
 * @param first whether this is the first event since the last activity
 */
public record IdleStateEvent(IdleState state, boolean first) {
    private static final IdleStateEvent[] EVENTS = {
        new IdleStateEvent(IdleState.READER_IDLE, true), new IdleStateEvent(IdleState.READER_IDLE, false),
        new IdleStateEvent(IdleState.WRITER_IDLE, true), new IdleStateEvent(IdleState.WRITER_IDLE, false),
        new IdleStateEvent(IdleState.ALL_IDLE, true), new IdleStateEvent(IdleState.ALL_IDLE, false),
    };

    /** Checks the state. */
    public IdleStateEvent {
        Objects.requireNonNull(state, "state");
    }

    /** Returns the shared event for {@code state} and {@code first}. */
    public static IdleStateEvent of(IdleState state, boolean first) {
        return EVENTS[state.ordinal() * 2 + (first ? 0 : 1)];
    }
}
