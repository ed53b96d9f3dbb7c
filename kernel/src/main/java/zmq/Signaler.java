/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of
 * the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 *
 * JeroMQ 0.6.0's zmq/Signaler.java (https://github.com/zeromq/jeromq, MPL 2.0), changed by jaio:
 * a signal is counted before its byte is written, and a reader that finds the count ahead of the
 * bytes records the byte as owed and reads it when it arrives (see the class comment). The kernel
 * puts its jar before JeroMQ's on the class path (install/install.sh), so this class is the one
 * loaded; with JeroMQ's own the kernel works the same, only slower under load.
 */
package zmq;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;

import zmq.util.Errno;
import zmq.util.Utils;

//  This is a cross-platform equivalent to signal_fd. However, as opposed
//  to signal_fd there can be at most one signal in the signaler at any
//  given moment. Attempt to send a signal before receiving the previous
//  one will result in undefined behaviour.
//
//  jaio's change: JeroMQ wrote the byte, then counted it (wcursor). A writer preempted between the
//  two (the write wakes the reader, and the woken reader often takes the writer's CPU) left a byte
//  the reader would not read, since waitEvent(0) trusts the counts only: the pipe stayed readable,
//  and the reader's poller returned at once, again and again, for the rest of its time slice while
//  the writer waited for a CPU to count its byte (measured: JeroMQ's I/O thread spinning in
//  epoll_wait for 1-5 ms on a loaded 2-core machine, several times per kernel request). Now the
//  count comes first. A reader that sees a count whose byte is not there yet consumes the signal
//  and owes the byte ({@code owed}); it reads owed bytes whenever it looks for signals, so a byte
//  never stays in the pipe once its signal was consumed: bytes in the pipe = owed + signals not
//  consumed yet, outside the instant between a count and its write.
final class Signaler implements Closeable
{
    private interface IoOperation<O>
    {
        O call() throws IOException;
    }

    //  Underlying write & read file descriptor.
    private final Pipe.SinkChannel   w;
    private final Pipe.SourceChannel r;
    private final Selector           selector;
    private final ThreadLocal<ByteBuffer>         wdummy = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1));
    private final ThreadLocal<ByteBuffer>         rdummy = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1));

    // Selector.selectNow at every sending message doesn't show enough performance
    private final AtomicLong wcursor = new AtomicLong(0);
    private long             rcursor = 0;
    // Signals consumed whose byte had not arrived yet: read as soon as they do (reader thread only).
    private long             owed    = 0;

    private final Errno errno;
    private final int   pid;
    private final Ctx   ctx;

    Signaler(Ctx ctx, int pid, Errno errno)
    {
        this.ctx = ctx;
        this.pid = pid;
        this.errno = errno;
        //  Create the socket pair for signaling.

        try {
            Pipe pipe = Pipe.open();

            r = pipe.source();
            w = pipe.sink();

            //  Set both fds to non-blocking mode.
            Utils.unblockSocket(w, r);

            selector = ctx.createSelector();
            r.register(selector, SelectionKey.OP_READ);
        }
        catch (IOException e) {
            throw new ZError.IOException(e);
        }
    }

    private <O> O maksInterrupt(IoOperation<O> operation) throws IOException
    {
        // This loop try to protect the current thread from external interruption.
        // If it happens, it mangles current context internal state.
        // So it keep trying until it succeed.
        // This must only be called on internal IO (using Pipe)
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                return operation.call();
            }
            catch (ClosedByInterruptException e) {
                interrupted = true;
            }
            finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        IOException exception = null;
        IoOperation<Object> op1 = () -> {
            r.close();
            return null;
        };
        IoOperation<Object> op2 = () -> {
            w.close();
            return null;
        };
        IoOperation<Object> op3 = () -> {
            ctx.closeSelector(selector);
            return null;
        };

        for (IoOperation<?> op : new IoOperation<?>[] {op1, op2, op3}) {
            try {
                maksInterrupt(op);
            }
            catch (IOException e) {
                if (exception != null) {
                    e.addSuppressed(exception);
                }
                exception = e;
            }
        }
        if (exception != null) {
            throw exception;
        }
    }

    SelectableChannel getFd()
    {
        return r;
    }

    void send()
    {
        // Count first: a reader that sees the count before the byte owes the byte (see above).
        wcursor.incrementAndGet();
        int nbytes = 0;

        while (nbytes == 0) {
            try {
                wdummy.get().clear();
                nbytes = maksInterrupt(() -> w.write(wdummy.get()));
            }
            catch (IOException e) {
                throw new ZError.IOException(e);
            }
        }
    }

    boolean waitEvent(long timeout)
    {
        // Transform a interrupt signal in an errno EINTR
        if (Thread.interrupted()) {
            errno.set(ZError.EINTR);
            return false;
        }
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
        while (true) {
            if (!payOwed()) {
                return false;
            }
            if (rcursor < wcursor.get()) {
                return true;
            }
            int rc;
            try {
                if (timeout == 0) {
                    // waitEvent(0) is called every read/send of SocketBase
                    // instant readiness is not strictly required
                    // On the other hand, we can save lots of system call and increase performance
                    errno.set(ZError.EAGAIN);
                    return false;

                }
                else if (timeout < 0) {
                    rc = selector.select(0);
                }
                else {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        errno.set(ZError.EAGAIN);
                        return false;
                    }
                    rc = selector.select(left);
                }
            }
            catch (ClosedSelectorException e) {
                errno.set(ZError.EINTR);
                return false;
            }
            catch (IOException e) {
                errno.set(ZError.exccode(e));
                return false;
            }

            if (Thread.interrupted() || (rc == 0 && timeout <= 0 && ! selector.keys().isEmpty())) {
                errno.set(ZError.EINTR);
                return false;
            }
            else if (rc == 0) {
                errno.set(ZError.EAGAIN);
                return false;
            }

            selector.selectedKeys().clear();
            // Readable: a new signal, or only an owed byte arriving (then wait on, for what is left).
        }
    }

    //  Reads the bytes owed that have arrived; false (errno EINTR) if the pipe is closed.
    private boolean payOwed()
    {
        while (owed > 0) {
            int nbytes;
            try {
                rdummy.get().clear();
                nbytes = maksInterrupt(() -> r.read(rdummy.get()));
            }
            catch (ClosedChannelException e) {
                errno.set(ZError.EINTR);
                return false;
            }
            catch (IOException e) {
                throw new ZError.IOException(e);
            }
            if (nbytes <= 0) {
                break; // not written yet: it makes the pipe readable when it is, and is read then
            }
            owed--;
        }
        return true;
    }

    void recv()
    {
        int nbytes;
        try {
            rdummy.get().clear();
            nbytes = maksInterrupt(() -> r.read(rdummy.get()));
        }
        catch (ClosedChannelException e) {
            errno.set(ZError.EINTR);
            return;
        }
        catch (IOException e) {
            throw new ZError.IOException(e);
        }
        if (nbytes <= 0) {
            // Counted but not written yet (its writer is between the two): owed, read when it comes.
            owed++;
        }
        rcursor++;
    }

    @Override
    public String toString()
    {
        return "Signaler[" + pid + "]";
    }
}
