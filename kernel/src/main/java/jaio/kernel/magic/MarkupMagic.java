package jaio.kernel.magic;

import java.util.Map;

/** {@code %%html}, {@code %%markdown}, {@code %%latex}, {@code %%svg}: the cell's body shown as that MIME type. */
final class MarkupMagic implements CellMagic {
    private final String name;
    private final String mime;

    MarkupMagic(String name, String mime) {
        this.name = name;
        this.mime = mime;
    }

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
        return "show the cell's lines as " + mime;
    }

    @Override
    public void run(MagicCall call) {
        call.displayBundle(Map.of(mime, call.body(), "text/plain", call.body()));
    }
}
