package jaio.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicRegistryTest {

    private static LineMagic line(String name, String usage) {
        return new LineMagic() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return usage;
            }

            @Override
            public String summary() {
                return "test";
            }

            @Override
            public void run(MagicCall call) {
            }
        };
    }

    private static CellMagic cell(String name) {
        return new CellMagic() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return "%%" + name;
            }

            @Override
            public String summary() {
                return "test";
            }

            @Override
            public void run(MagicCall call) {
            }
        };
    }

    @Test
    void theBuiltinsIncludeLsmagicAndThePagerListedByName() {
        MagicRegistry r = MagicRegistry.withBuiltins();
        List<String> names = r.all(Magic.Kind.LINE).stream().map(Magic::name).toList();
        assertTrue(names.containsAll(List.of("lsmagic", "pinfo", "pinfo2")), names.toString());
        assertEquals(names.stream().sorted().toList(), names, "listed by name");
        assertTrue(r.find(Magic.Kind.LINE, "pinfo").isPresent());
        assertTrue(r.find(Magic.Kind.CELL, "pinfo").isEmpty());
    }

    @Test
    void aLineAndACellMagicMayShareANameButNotTwoOfOneKind() {
        MagicRegistry r = new MagicRegistry();
        r.register(line("time", "%time STATEMENT"));
        r.register(cell("time"));
        assertEquals(List.of("%time", "%%time"), r.completeName("%"));
        assertEquals(List.of("%%time"), r.completeName("%%t"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> r.register(line("time", "%time X")));
        assertEquals("%time is registered twice", twice.getMessage());
    }

    @Test
    void namesAndUsagesAreChecked() {
        MagicRegistry r = new MagicRegistry();
        assertThrows(IllegalArgumentException.class, () -> r.register(line("1x", "%1x")));
        assertThrows(IllegalArgumentException.class, () -> r.register(line("a-b", "%a-b")));
        IllegalArgumentException usage = assertThrows(IllegalArgumentException.class, () -> r.register(line("env", "env NAME")));
        assertTrue(usage.getMessage().contains("must start with its name"), usage.getMessage());
    }
}
