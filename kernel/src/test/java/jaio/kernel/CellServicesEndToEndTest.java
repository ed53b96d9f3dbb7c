package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A cell's own code reaches the kernel's services through the contract: comms with the frontend and the input history. */
@Timeout(120)
class CellServicesEndToEndTest extends OneKernelPerClass {

    @Test
    void aCellOpensACommAndTheFrontendSeesItAndItsMessages() {
        var run = kernel.run("""
                var channel = comms().open("jaio.test.cell", Map.of("hello", "world"));
                channel.send(Map.of("n", 42));
                channel.targetName()""");
        assertEquals("ok", run.status(), run.error());
        assertEquals("\"jaio.test.cell\"", run.result().get("text/plain").getAsString());
        Message open = kernel.client.await(JupyterTestClient.Channel.IOPUB,
                m -> m.msgType().equals("comm_open") && m.content().get("target_name").getAsString().equals("jaio.test.cell"),
                Duration.ofSeconds(10));
        assertNotNull(open, "no comm_open from the cell's comms().open");
        assertEquals("world", open.content().getAsJsonObject("data").get("hello").getAsString());
        String id = open.content().get("comm_id").getAsString();
        Message msg = kernel.client.await(JupyterTestClient.Channel.IOPUB,
                m -> m.msgType().equals("comm_msg") && m.content().get("comm_id").getAsString().equals(id),
                Duration.ofSeconds(10));
        assertNotNull(msg, "no comm_msg from channel.send");
        JsonObject data = msg.content().getAsJsonObject("data");
        assertEquals(42, data.get("n").getAsInt());
    }

    @Test
    void aCellReadsTheInputHistory() {
        var marker = kernel.run("int historyMarker = 7;");
        assertEquals("ok", marker.status(), marker.error());
        var run = kernel.run("inputHistory().contains(\"int historyMarker = 7;\")");
        assertEquals("ok", run.status(), run.error());
        assertEquals("true", run.result().get("text/plain").getAsString());
    }
}
