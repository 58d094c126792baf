package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Handler;

/** Wraps every HTTP request: fault injection first, then the request log and stats. */
public final class TrafficControl {
    public TrafficControl() {}

    public ApiResponse handle(ApiRequest request, Handler next) {
        return next.handle(request);
    }
}
