package jaio.kernel.magic;

import java.util.List;

/**
 * {@code %pinfo NAME} and {@code %pinfo2 NAME}: the documentation of a class, method or variable in
 * the pager, as IPython's. The cells {@code NAME?} and {@code NAME??} run them.
 */
final class PinfoMagic implements LineMagic {
    private final String name;
    private final int detailLevel;

    private PinfoMagic(String name, int detailLevel) {
        this.name = name;
        this.detailLevel = detailLevel;
    }

    static PinfoMagic signatures() {
        return new PinfoMagic("pinfo", 0);
    }

    static PinfoMagic withSource() {
        return new PinfoMagic("pinfo2", 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        return "%" + name + " NAME";
    }

    @Override
    public String summary() {
        return detailLevel == 0 ? "show the documentation of NAME in the pager (also NAME?)"
                : "show the documentation of NAME in the pager, in detail (also NAME??)";
    }

    @Override
    public void run(MagicCall call) {
        String target = call.args();
        if (target.isEmpty() || call.argv().size() != 1) {
            throw new UsageException("%" + name + " needs one name");
        }
        String doc = call.documentation(target, target.length(), detailLevel).orElseThrow(() -> new CellFailure("NameNotFound",
                "no documentation found for " + target, List.of("NameNotFound: no documentation found for " + target
                        + " (try a class, a method or a variable: Math.max?)")));
        call.page(doc);
    }
}
