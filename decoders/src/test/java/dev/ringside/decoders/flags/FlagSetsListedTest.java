package dev.ringside.decoders.flags;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FlagSets.all() lists every public set FlagSets declares, in declaration order: a new set is not left out of help and parsing. */
class FlagSetsListedTest {
    @Test
    void allListsEveryDeclaredSetInOrder() throws IllegalAccessException {
        List<FlagSet> declared = new ArrayList<>();
        for (Field field : FlagSets.class.getDeclaredFields()) {
            if (field.getType() == FlagSet.class && Modifier.isPublic(field.getModifiers())
                    && Modifier.isStatic(field.getModifiers())) {
                declared.add((FlagSet) field.get(null));
            }
        }
        assertEquals(declared, FlagSets.all());
    }
}
