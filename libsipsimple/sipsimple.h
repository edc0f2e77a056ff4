/* libsipsimple - the one header applications include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __SIPSIMPLE_INSIDE__

#include <sipsimple/version.h>

/* sip: SIP values and formats, no I/O */
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/route.h>
#include <sipsimple/sip/via.h>
#include <sipsimple/sip/cpim.h>

/* sdp: offer/answer over GStreamer's SDP library */
#include <sipsimple/sdp/sdp.h>

/* engine: the SIP stack in the GLib main loop, client requests */
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/lookup.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/client-request.h>
#include <sipsimple/engine/registration.h>
#include <sipsimple/engine/message.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/engine/subscription.h>
#include <sipsimple/engine/publication.h>

/* msrp: MSRP sessions */
#include <sipsimple/msrp/msrp-error.h>
#include <sipsimple/msrp/msrp-uri.h>
#include <sipsimple/msrp/msrp-session.h>

/* presence: presence documents (PIDF/RPID, watcher info, RLMI, MWI, XCAP lists and rules) */
#include <sipsimple/presence/presence-error.h>
#include <sipsimple/presence/pidf-tuple.h>
#include <sipsimple/presence/pidf-person.h>
#include <sipsimple/presence/pidf-device.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/watcher.h>
#include <sipsimple/presence/watcher-info.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/rlmi-resource.h>
#include <sipsimple/presence/rlmi.h>
#include <sipsimple/presence/resource-lists.h>
#include <sipsimple/presence/pres-rules.h>

/* streams: media streams of sessions */
#include <sipsimple/streams/media-stream.h>
#include <sipsimple/streams/media-stream-registry.h>
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/audio-mixer.h>
#include <sipsimple/streams/chat-stream.h>
#include <sipsimple/streams/file-selector.h>
#include <sipsimple/streams/file-transfer-stream.h>

/* agent: the programmable server API */
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/agent/location.h>
#include <sipsimple/agent/memory-location.h>
#include <sipsimple/agent/redis-location.h>
#include <sipsimple/agent/postgres-location.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/registrar.h>
#include <sipsimple/agent/presence-server.h>

/* app: middleware */
#include <sipsimple/app/app-error.h>
#include <sipsimple/app/storage.h>
#include <sipsimple/app/memory-storage.h>
#include <sipsimple/app/file-storage.h>
#include <sipsimple/app/settings.h>
#include <sipsimple/app/xcap-client.h>
#include <sipsimple/app/buddy.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/session.h>
#include <sipsimple/app/session-manager.h>
#include <sipsimple/app/application.h>

#undef __SIPSIMPLE_INSIDE__
