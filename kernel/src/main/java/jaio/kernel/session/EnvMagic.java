package jaio.kernel.session;

import java.util.Map;

/**
 * {@code %env} lists the environment, {@code %env NAME} shows one variable, {@code %env NAME=value}
 * (or {@code NAME value}) sets it for the shell commands the session runs ({@link ShellEnvironment}).
 */
final class EnvMagic extends BaseMagic {
    EnvMagic() {
        super("env", "%env   |   %env NAME   |   %env NAME=VALUE", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        if (args.isBlank()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : ShellEnvironment.all().entrySet()) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            print(context, sb.toString());
            return ExecutionResult.ok();
        }
        int eq = args.indexOf('=');
        int sp = args.indexOf(' ');
        int cut = eq >= 0 && (sp < 0 || eq < sp) ? eq : sp;
        if (cut < 0) {
            String v = ShellEnvironment.get(args);
            if (v == null) {
                throw new MagicUsageError("environment variable " + args + " is not set");
            }
            print(context, v);
            return ExecutionResult.ok();
        }
        String name = args.substring(0, cut).strip();
        String value = args.substring(cut + 1).strip();
        if (name.isEmpty()) {
            throw new MagicUsageError("no variable name before the value");
        }
        ShellEnvironment.set(name, value);
        print(context, "env: " + name + "=" + value);
        return ExecutionResult.ok();
    }
}
