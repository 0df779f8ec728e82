package dev.fosc.client;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The arithmetic of {@link FoscSessionStats}: every component is summed with itself, none swapped or forgotten. */
class FoscSessionStatsTest {

    /** Stats whose i-th component is {@code (i + 1) * factor}: every component distinct. */
    private static FoscSessionStats numbered(long factor) throws Exception {
        RecordComponent[] components = FoscSessionStats.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = long.class;
            values[i] = (i + 1) * factor;
        }
        Constructor<FoscSessionStats> c = FoscSessionStats.class.getDeclaredConstructor(types);
        return c.newInstance(values);
    }

    @Test
    void plusAddsEachComponentToItself() throws Exception {
        FoscSessionStats sum = numbered(1).plus(numbered(1000));
        RecordComponent[] components = FoscSessionStats.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            assertEquals((i + 1) * 1001L, components[i].getAccessor().invoke(sum), components[i].getName());
        }
    }

    @Test
    void zeroIsTheNeutralElementAndTheDerivedSumsAddUp() throws Exception {
        FoscSessionStats s = numbered(1);
        assertEquals(s, FoscSessionStats.ZERO.plus(s));
        assertEquals(s.mainVideoBytes() + s.subVideoBytes(), s.videoBytes());
        assertEquals(s.loginsRefused() + s.loginsRateLimited() + s.loginsTooManyUsers() + s.loginsMalformed()
                + s.loginsUnanswered(), s.loginFailures());
        assertEquals(s.talkFramesDroppedLate() + s.talkFramesDroppedOverflow(), s.talkFramesDropped());
    }
}
