package jaio.kernel.magic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code %load FILE}: runs a {@code .jsh} or {@code .java} file as cell code ({@code await}
 * allowed). A {@code package} declaration is dropped: JShell declares everything at top level.
 */
final class LoadMagic implements LineMagic {
    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return "%load FILE.jsh|FILE.java";
    }

    @Override
    public String summary() {
        return "run a .jsh or .java file as cell code";
    }

    @Override
    public void run(MagicCall call) {
        if (call.argv().size() != 1) {
            throw new UsageException("name one file");
        }
        Path file = Path.of(call.argv().getFirst());
        String code;
        try {
            code = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        call.run(code.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", ""));
    }
}
