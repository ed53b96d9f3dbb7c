import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** W5 with raw JDK blocking sockets and a virtual thread per connection (same protocol as W5Jaio). */
public class W5Vthreads {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            ServerSocket ss = new ServerSocket(0, 16384, InetAddress.getLoopbackAddress());
            System.out.println(ss.getLocalPort());
            System.out.flush();
            while (true) {
                Socket s = ss.accept();
                Thread.startVirtualThread(() -> {
                    try (s) {
                        s.setTcpNoDelay(true);
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        byte[] buf = new byte[65536];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            out.write(buf, 0, n);
                        }
                    } catch (Exception ignored) {
                        // the client went away
                    }
                });
            }
        }
        int port = Integer.parseInt(args[1]);
        int conns = Integer.parseInt(args[2]);
        int msgs = Integer.parseInt(args[3]);
        List<Socket> sockets = new ArrayList<>();
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Socket>> fs = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                fs.add(ex.submit(() -> {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                    s.setTcpNoDelay(true);
                    return s;
                }));
            }
            for (var f : fs) {
                sockets.add(f.get());
            }
        }
        byte[] msg = new byte[64];
        CountDownLatch done = new CountDownLatch(conns);
        long t0 = System.nanoTime();
        for (Socket s : sockets) {
            Thread.startVirtualThread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] back = new byte[64];
                    for (int m = 0; m < msgs; m++) {
                        out.write(msg);
                        in.readFully(back);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double dt = (System.nanoTime() - t0) / 1e9;
        for (Socket s : sockets) {
            s.close();
        }
        System.out.printf("vthreads %.0f%n", conns * (double) msgs / dt);
    }
}
