import static jaio.Async.*;

import jaio.Coroutine;
import jaio.Server;
import jaio.Streams;
import java.util.ArrayList;
import java.util.List;

/**
 * W5 C10K echo with jaio streams. {@code server}: a startServer echo server on an ephemeral port
 * (prints the port). {@code client PORT CONNS MSGS}: CONNS connections are opened first, then each
 * sends MSGS 64-byte messages and reads each echo back; prints messages per second of that phase.
 */
public class W5Jaio {
    public static void main(String[] args) {
        if (args[0].equals("server")) {
            run(async(() -> {
                Server server = await(startServer((reader, writer) -> {
                    while (true) {
                        byte[] data = await(reader.read(65536));
                        if (data.length == 0) {
                            break;
                        }
                        writer.write(data);
                        await(writer.drain());
                    }
                    writer.close();
                }, "127.0.0.1", 0, 16384));
                System.out.println(server.port());
                System.out.flush();
                await(server.serveForever());
            }));
            return;
        }
        int port = Integer.parseInt(args[1]);
        int conns = Integer.parseInt(args[2]);
        int msgs = Integer.parseInt(args[3]);
        double rate = run(async(() -> {
            List<Streams> streams = new ArrayList<>();
            List<Coroutine<Streams>> opens = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                opens.add(openConnection("127.0.0.1", port));
            }
            streams.addAll(await(gather(opens)));
            byte[] msg = new byte[64];
            long t0 = System.nanoTime();
            List<Coroutine<Void>> talks = new ArrayList<>();
            for (Streams s : streams) {
                talks.add(async(() -> {
                    for (int m = 0; m < msgs; m++) {
                        s.writer().write(msg);
                        await(s.writer().drain());
                        await(s.reader().readexactly(64));
                    }
                }));
            }
            await(gather(talks));
            double dt = (System.nanoTime() - t0) / 1e9;
            for (Streams s : streams) {
                s.writer().close();
            }
            await(sleep(0.1));
            return conns * (double) msgs / dt;
        }));
        System.out.printf("jaio %.0f%n", rate);
    }
}
