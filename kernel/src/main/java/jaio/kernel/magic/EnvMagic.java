package jaio.kernel.magic;

import java.util.Map;

/**
 * {@code %env} lists the environment, {@code %env NAME} shows one variable, {@code %env NAME=value}
 * (or {@code NAME value}) sets it for the shell commands the session runs ({@link ShellEnvironment}).
 */
final class EnvMagic implements LineMagic {
    @Override
    public String name() {
        return "env";
    }

    @Override
    public String usage() {
        return "%env [NAME | NAME=VALUE]";
    }

    @Override
    public String summary() {
        return "list, show or set environment variables of shell commands";
    }

    @Override
    public void run(MagicCall call) {
        String args = call.args();
        if (args.isBlank()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : ShellEnvironment.all().entrySet()) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            call.print(sb.toString());
            return;
        }
        int eq = args.indexOf('=');
        int sp = args.indexOf(' ');
        int cut = eq >= 0 && (sp < 0 || eq < sp) ? eq : sp;
        if (cut < 0) {
            String v = ShellEnvironment.get(args);
            if (v == null) {
                throw new UsageException("environment variable " + args + " is not set");
            }
            call.print(v + "\n");
            return;
        }
        String name = args.substring(0, cut).strip();
        String value = args.substring(cut + 1).strip();
        if (name.isEmpty()) {
            throw new UsageException("no variable name before the value");
        }
        ShellEnvironment.set(name, value);
        call.print("env: " + name + "=" + value + "\n");
    }
}
