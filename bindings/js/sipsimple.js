// SipSimple for GJS with promises: every _async/_finish pair of the
// namespace, found by enumerating it (so new methods are covered without
// touching this file), can be awaited.
//
//   const {SipSimple} = imports.sipsimple;       // legacy scripts and ES modules alike
//   await app.start(SipSimple.MemoryStorage.new());
//   await account.send_text('bob@example.com', 'hello');
//   await app.stop_async();                      // the _async name works too
//
// For each pair foo_async/foo_finish:
//   obj.foo_async(args..., [cancellable])  without the callback returns a
//       Promise of what foo_finish returns (rejected with the GLib.Error);
//       the trailing cancellable may be left out;
//   obj.foo_async(args..., cancellable, callback)  is the plain call;
//   obj.foo(args..., [cancellable])  the same Promise, when the class has
//       nothing called foo already.
// Cancel through a Gio.Cancellable passed in the cancellable's place.
// An await resumes after the C callback has returned: Event.proxy_async's
// callback can still act on the result before the best response is passed
// on (a voicemail fallback), `await event.proxy(...)` cannot.
//
// Installed in DATADIR/gjs-1.0, which is on GJS's default search path; from
// the source tree, put bindings/js on GJS_PATH (or imports.searchPath).
// Works with GJS 1.74 (Debian 12).
//
// SPDX-License-Identifier: LGPL-2.1-or-later
/* exported SipSimple, promisify, promisifyNamespace */

imports.gi.versions.SipSimple = '1.0';
var SipSimple = imports.gi.SipSimple;

const ORIGINAL = Symbol('sipsimple-original');

function startPromise(self, original, finishName, args) {
    return new Promise((resolve, reject) => {
        const call = args.slice();
        while (call.length < original.length - 1)
            call.push(null);
        call.push((source, result) => {
            try {
                resolve((source ?? self)[finishName](result));
            } catch (error) {
                reject(error);
            }
        });
        original.apply(self, call);
    });
}

/**
 * Makes proto[asyncName] return a Promise when called without its callback,
 * and proto[short name] (if free) always do. Safe to call twice.
 *
 * @param {object} proto a GObject class or interface prototype
 * @param {string} asyncName e.g. 'send_text_async'
 * @param {string} finishName e.g. 'send_text_finish'
 */
function promisify(proto, asyncName, finishName) {
    let wrapper = proto[asyncName];
    if (typeof wrapper !== 'function')
        return;
    // an interface's method can show up already wrapped on its implementations
    const original = wrapper[ORIGINAL] ?? wrapper;
    const nArgs = original.length;       // ..., cancellable, callback
    if (!wrapper[ORIGINAL]) {
        wrapper = function (...args) {
            if (args.length >= nArgs)
                return original.apply(this, args);
            return startPromise(this, original, finishName, args);
        };
        wrapper[ORIGINAL] = original;
        Object.defineProperty(wrapper, 'length', {value: nArgs});
        Object.defineProperty(wrapper, 'name', {value: asyncName});
        proto[asyncName] = wrapper;
    }

    const shortName = asyncName.slice(0, -'_async'.length);
    if (!(shortName in proto)) {
        proto[shortName] = function (...args) {
            if (args.length > nArgs - 1)
                throw new TypeError(`${shortName}() takes at most ${nArgs - 1} arguments`);
            return startPromise(this, original, finishName, args);
        };
        Object.defineProperty(proto[shortName], 'name', {value: shortName});
    }
}

/**
 * Promisifies every _async/_finish pair of the classes and interfaces of a
 * GI namespace.
 *
 * @param {object} ns e.g. imports.gi.SipSimple
 */
function promisifyNamespace(ns) {
    for (const name of Object.getOwnPropertyNames(ns)) {
        let value;
        try {
            value = ns[name];
        } catch (e) {
            continue;
        }
        if (typeof value !== 'function' || typeof value.prototype !== 'object')
            continue;
        const proto = value.prototype;
        for (const method of Object.getOwnPropertyNames(proto)) {
            if (!method.endsWith('_async'))
                continue;
            const finish = `${method.slice(0, -'_async'.length)}_finish`;
            if (typeof proto[finish] === 'function')
                promisify(proto, method, finish);
        }
    }
}

promisifyNamespace(SipSimple);
