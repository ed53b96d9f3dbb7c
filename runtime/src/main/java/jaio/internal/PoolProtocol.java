package jaio.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The frames a {@link jaio.multiprocessing.ProcessPool} and its worker processes exchange over the
 * worker's standard input and output. Each frame is a kind byte and a payload:
 * <ul>
 * <li>to the worker: {@link #TASK} (serialised {@code [function, argument]}) and {@link #CLASS}
 *     (a class's name and bytes, or no bytes if the pool has none, answering {@link #NEED_CLASS});</li>
 * <li>from the worker: {@link #RESULT} (serialised {@code [exception or null, result]}),
 *     {@link #NEED_CLASS} (a class the worker cannot load itself, asked while it deserialises or
 *     runs a task: classes defined in notebook cells exist only in the parent's memory) and
 *     {@link #OUTPUT} (text the task printed on System.out, shown by the parent as its own).</li>
 * </ul>
 * One task is in flight per worker, so a worker's frames are always answered in order.
 */
public final class PoolProtocol {
    public static final byte TASK = 'T';
    public static final byte CLASS = 'C';
    public static final byte RESULT = 'R';
    public static final byte NEED_CLASS = 'N';
    public static final byte OUTPUT = 'O';

    private PoolProtocol() {}

    public static void writeBytes(DataOutputStream out, byte kind, byte[] payload) throws IOException {
        out.writeByte(kind);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /** A class's name and bytes ({@code bytes} null: not found), answering NEED_CLASS. */
    public static void writeClass(DataOutputStream out, String name, byte[] bytes) throws IOException {
        out.writeByte(CLASS);
        out.writeUTF(name);
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
        out.flush();
    }

    public static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(o);
        }
        return buf.toByteArray();
    }

    /** Deserialises {@code bytes}, resolving every class through {@code loader}. */
    public static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    /** The bytes of class {@code name} as {@code loader} sees them, or null. */
    public static byte[] classBytes(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
