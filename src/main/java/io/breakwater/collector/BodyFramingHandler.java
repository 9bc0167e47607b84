package io.breakwater.collector;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits between Netty's HTTP codec and Vert.x on connections that submit crashes, so that a client always
 * gets an answer when the connection still allows one:
 * <ul>
 *   <li>a client that half-closes (shuts down its sending side) after its body keeps the connection for the
 *       answer, which is then sent and the connection closed; without this Netty closes at the first end of
 *       input and a crash stored meanwhile is never acknowledged, so the client sends it again;</li>
 *   <li>a body cut by a half-close, or badly chunked, ends the request body normally instead of closing the
 *       connection silently; {@link #problem()} tells the collector why, which answers 400 with that reason.</li>
 * </ul>
 * The decoder cannot read further requests after either, so the connection closes after the answer.
 * One instance per connection, used on its event loop only (the problem is read from a worker thread after
 * the body's end, which the event loop delivered after setting it).
 */
final class BodyFramingHandler extends ChannelDuplexHandler {

    static final String NAME = "breakwater-body-framing";

    /** Malformed reasons, {@code Discarded=malformed_<reason>}. */
    static final String TRUNCATED = "truncated_body";
    static final String BAD_CHUNKING = "invalid_chunked_encoding";

    private boolean inRequestBody;
    private int unansweredRequests;
    private boolean closeAfterAnswer;
    private volatile String problem;

    BodyFramingHandler(boolean installedDuringRequest) {
        // Installed by a route handler: the current request's head has already gone past.
        this.inRequestBody = installedDuringRequest;
        this.unansweredRequests = installedDuringRequest ? 1 : 0;
    }

    /** Why the current request's body ended early, or null. */
    String problem() {
        return problem;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inRequestBody = true;
            unansweredRequests++;
            problem = null;
        }
        if (msg instanceof HttpContent content && inRequestBody) {
            if (content.decoderResult().isFailure()) {
                // Netty's chunk decoder gave up (invalid size line or chunk framing): end the body here.
                content.release();
                endBody(ctx, BAD_CHUNKING);
                return;
            }
            if (msg instanceof LastHttpContent) {
                inRequestBody = false;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (inRequestBody) {
                endBody(ctx, TRUNCATED);
            }
            closeAfterAnswer = true;
            if (unansweredRequests == 0) {
                ctx.close();
                return;
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void endBody(ChannelHandlerContext ctx, String reason) {
        problem = reason;
        inRequestBody = false;
        closeAfterAnswer = true;
        ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean interim = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof LastHttpContent && !interim && unansweredRequests > 0) {
            unansweredRequests--;
            if (closeAfterAnswer && unansweredRequests == 0) {
                ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        super.write(ctx, msg, promise);
    }
}
