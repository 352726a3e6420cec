// The in-page half of the interop browser phone: a JsSIP user agent that registers over WS/WSS, calls or
// auto-answers, plays the remote audio and measures it. phone.mjs (node + playwright) drives it through
// window.phone and receives events through window.emitEvent (exposed by playwright).
'use strict';

(() => {
  const state = { ua: null, session: null, remoteStream: null, audioCtx: null, codec: null };

  function emit(event, fields) {
    window.emitEvent(JSON.stringify(Object.assign({ event }, fields || {})));
  }

  // Keeps only the preferred codec (plus telephone-event) in a local SDP: forces one codec from the browser side.
  function preferCodec(sdp, codec) {
    if (!codec) return sdp;
    const lines = sdp.split('\r\n');
    const names = {};
    for (const l of lines) {
      const m = /^a=rtpmap:(\d+) ([^/]+)\//.exec(l);
      if (m) names[m[1]] = m[2].toLowerCase();
    }
    const keep = (pt) => names[pt] === codec.toLowerCase() || names[pt] === 'telephone-event';
    return lines.filter((l) => {
      const m = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(l);
      return !m || keep(m[1]);
    }).map((l) => {
      const m = /^(m=audio \d+ \S+) (.*)$/.exec(l);
      return m ? m[1] + ' ' + m[2].split(' ').filter(keep).join(' ') : l;
    }).join('\r\n');
  }

  function sdpFacts(sdp) {
    const codecs = [];
    for (const l of (sdp || '').split(/\r?\n/)) {
      const m = /^a=rtpmap:\d+ ([^/]+\/\d+)/.exec(l);
      if (m) codecs.push(m[1]);
    }
    return {
      savpf: /^m=audio \d+ UDP\/TLS\/RTP\/SAVPF |^m=audio \d+ RTP\/SAVPF /m.test(sdp),
      profile: (/^m=audio \d+ (\S+)/m.exec(sdp) || [])[1] || '',
      setupActpass: /^a=setup:actpass/m.test(sdp),
      iceUfrag: /^a=ice-ufrag:/m.test(sdp),
      candidates: /^a=candidate:/m.test(sdp),
      rtcpMux: /^a=rtcp-mux/m.test(sdp),
      fingerprint: /^a=fingerprint:/m.test(sdp),
      ssrc: /^a=ssrc:/m.test(sdp),
      codecs: codecs.join(','),
    };
  }

  function attachRemote(pc) {
    const tracks = pc.getReceivers().map((r) => r.track).filter((t) => t && t.kind === 'audio');
    if (tracks.length === 0 || state.remoteStream) return;
    state.remoteStream = new MediaStream(tracks);
    const audio = document.getElementById('remote');
    audio.srcObject = state.remoteStream;   // Chrome decodes remote audio only when it is played somewhere
    audio.play().catch((e) => emit('log', { message: 'audio.play: ' + e }));
  }

  function watch(session) {
    state.session = session;
    state.remoteStream = null;
    session.on('sdp', (e) => {
      if (e.originator === 'local') e.sdp = preferCodec(e.sdp, state.codec);
    });
    session.on('peerconnection', (e) => {
      e.peerconnection.addEventListener('track', () => attachRemote(e.peerconnection));
    });
    session.on('progress', (e) => emit('progress', { status: e.response ? e.response.status_code : 0 }));
    session.on('accepted', () => emit('accepted'));
    session.on('confirmed', () => {
      attachRemote(session.connection);
      emit('confirmed');
    });
    // the far end's re-INVITE with sendonly/inactive (JsSIP answers it recvonly/inactive), and back
    session.on('hold', (e) => emit('hold', { originator: e.originator }));
    session.on('unhold', (e) => emit('unhold', { originator: e.originator }));
    session.on('ended', (e) => { emit('ended', { originator: e.originator, cause: String(e.cause) }); });
    session.on('failed', (e) => { emit('failed', { originator: e.originator, cause: String(e.cause),
      status: e.message && e.message.status_code ? e.message.status_code : 0 }); });
  }

  const callOptions = () => ({
    // no echo cancellation, noise suppression or gain control: the far end must get the tone as it is
    mediaConstraints: { audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false }, video: false },
    pcConfig: { iceServers: [] },
  });

  async function measure(ms) {
    const session = state.session;
    if (!session || !session.connection) throw new Error('no call');
    if (!state.remoteStream) attachRemote(session.connection);
    if (!state.remoteStream) throw new Error('no remote audio track');
    if (!state.audioCtx) state.audioCtx = new AudioContext();
    const ctx = state.audioCtx;
    await ctx.resume();
    const src = ctx.createMediaStreamSource(state.remoteStream);
    const an = ctx.createAnalyser();
    an.fftSize = 16384;
    an.smoothingTimeConstant = 0;
    src.connect(an);
    const bins = an.frequencyBinCount;
    const power = new Float64Array(bins);
    const freq = new Float32Array(bins);
    const td = new Float32Array(an.fftSize);
    let sumSq = 0;
    let samples = 0;
    let frames = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      an.getFloatFrequencyData(freq);
      for (let i = 0; i < bins; i++) power[i] += Math.pow(10, freq[i] / 10);
      an.getFloatTimeDomainData(td);
      for (let i = 0; i < td.length; i++) sumSq += td[i] * td[i];
      samples += td.length;
      frames++;
    }
    src.disconnect();
    const binHz = ctx.sampleRate / an.fftSize;
    let k = Math.ceil(50 / binHz);
    for (let i = k; i < bins - 1; i++) if (power[i] > power[k]) k = i;
    const db = (i) => 10 * Math.log10(power[i] + 1e-30);
    const a = db(k - 1), b = db(k), c = db(k + 1);
    const denom = a - 2 * b + c;
    const delta = denom === 0 ? 0 : 0.5 * (a - c) / denom;
    const stats = await session.connection.getStats();
    let packetsReceived = 0, codec = '', bytesReceived = 0;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        packetsReceived = s.packetsReceived || 0;
        bytesReceived = s.bytesReceived || 0;
        const c = s.codecId && stats.get(s.codecId);
        codec = c ? c.mimeType : '';
      }
    });
    return {
      frequencyHz: Math.round((k + delta) * binHz * 10) / 10,
      levelDb: Math.round(10 * Math.log10(sumSq / Math.max(samples, 1) + 1e-30) * 10) / 10,
      packetsReceived, bytesReceived, codec, frames, sampleRate: ctx.sampleRate, audioContext: ctx.state,
    };
  }

  window.phone = {
    start(config) {
      state.codec = config.codec || null;
      if (config.debug) JsSIP.debug.enable('JsSIP:*');
      const ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(config.wsUri)],
        uri: config.sipUri,
        authorization_user: config.authId,
        password: config.password,
        display_name: config.displayName,
        register: true,
        register_expires: 60,
        session_timers: false,
        user_agent: 'interop-browser-phone',
      });
      state.ua = ua;
      ua.on('connected', () => emit('connected'));
      ua.on('disconnected', () => emit('disconnected'));
      ua.on('registered', () => emit('registered'));
      ua.on('registrationFailed', (e) => emit('registrationFailed', { cause: String(e.cause) }));
      ua.on('newRTCSession', (e) => {
        if (e.originator !== 'remote') return;
        const req = e.request;
        watch(e.session);
        emit('incoming', Object.assign({
          from: req.from.uri.user,
          fromName: req.from.display_name || '',
          prc: req.getHeader('P-rc') || '',
          prcApiIds: req.getHeader('p-rc-api-ids') || '',
          sdp: req.body || '',
        }, sdpFacts(req.body)));
        if (config.autoAnswer) e.session.answer(callOptions());
      });
      ua.start();
    },
    call(target) {
      const session = state.ua.call(target, callOptions());
      watch(session);
      emit('calling', { target });
    },
    hangup() {
      if (state.session && !state.session.isEnded()) state.session.terminate();
    },
    reject(status) {
      if (state.session && !state.session.isEnded()) state.session.terminate({ status_code: status });
    },
    async measure(ms) {
      return measure(ms);
    },
    stop() {
      if (state.ua) state.ua.stop();
    },
    localSdpFacts() {
      const pc = state.session && state.session.connection;
      return pc && pc.remoteDescription ? sdpFacts(pc.remoteDescription.sdp) : {};
    },
  };
  emit('loaded');
})();
