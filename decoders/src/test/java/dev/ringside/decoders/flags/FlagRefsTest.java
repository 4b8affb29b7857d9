package dev.ringside.decoders.flags;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every name a FlagRef enum gives code must be a row of its table, with that row's value. */
class FlagRefsTest {
    static final List<Class<? extends Enum<?>>> REFS = List.of(
            SetupFlag.class, FeatureFlag.class, SqeFlag.class, CqeFlag.class, EnterFlag.class, SqRingFlag.class,
            TimeoutFlag.class, AsyncCancelFlag.class, RecvSendFlag.class, MsgRingCommand.class, MsgRingFlag.class,
            RegisterOp.class, ProbeOpFlag.class, CloneBuffersFlag.class, RestrictionOp.class, RsrcRegisterFlag.class,
            MemRegionType.class, ZcrxRegFlag.class, NapiOp.class, QueryOp.class);

    @Test
    void everyReferencedNameIsARowOfItsSet() {
        for (Class<? extends Enum<?>> type : REFS) {
            Enum<?>[] constants = type.getEnumConstants();
            assertFalse(constants.length == 0, type.getSimpleName());
            for (Enum<?> constant : constants) {
                FlagRef ref = (FlagRef) constant;
                Flag row = ref.set().member(constant.name()).orElseThrow(
                        () -> new AssertionError(type.getSimpleName() + "." + constant.name() + " is no row of " + ref.set().name()));
                assertEquals(row.value(), ref.value(), constant.name());
            }
        }
    }

    @Test
    void aReferenceReadsItsRowsValueAndCName() {
        assertEquals(1L << 1, SetupFlag.SQPOLL.value());
        assertEquals("IORING_CQE_F_32", CqeFlag.F_32.flag().cName());
        assertEquals(21, RegisterOp.UNREGISTER_RING_FDS.value());
        assertEquals("IORING_UNREGISTER_RING_FDS", RegisterOp.UNREGISTER_RING_FDS.flag().cName());
    }

    @Test
    void everyDeclaredSetIsListedInDeclarationOrder() {
        assertEquals(FlagSets.SETUP, FlagSets.all().getFirst());
        assertEquals(FlagSets.MOCK_COPY, FlagSets.all().getLast());
        assertEquals(52, FlagSets.all().size(), "the sets of FlagSets");
        assertEquals(FlagSets.ZCRX_CTRL_OP, FlagSets.named("zcrx control op").orElseThrow());
    }
}
