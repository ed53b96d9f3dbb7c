package jaio.kernel.protocol.comm;

import com.google.gson.JsonObject;

/** Accepts comms a frontend opens with a given {@code target_name}. Throwing rejects the comm (it is closed back). */
@FunctionalInterface
public interface CommTarget {

    /** Called on the shell thread for a comm_open; set the comm's handlers here. */
    void opened(Comm comm, JsonObject data);
}
