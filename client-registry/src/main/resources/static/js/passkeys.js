// Passkeys in the admin console (WebAuthn). The login page and the passkeys page work without this script (password
// and one-time code); it only shows and runs the passkey parts, where the browser has WebAuthn. The server's
// endpoints are Spring Security's WebAuthn filters; their JSON is the WebAuthn types with binary fields as base64url.
// Plain promises and no newer syntax, so that an older browser skips it quietly instead of failing on it.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !window.fetch) {
    return;
  }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function decode(text) {
    var binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function post(element, url, body) {
    var headers = { 'Content-Type': 'application/json' };
    headers[element.dataset.csrfHeader] = element.dataset.csrfToken;
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return Object.assign({}, d, { id: decode(d.id) });
    });
  }

  function logIn(section) {
    return post(section, section.dataset.options).then(function (options) {
      return navigator.credentials.get({ publicKey: Object.assign({}, options, {
        challenge: decode(options.challenge), allowCredentials: descriptors(options.allowCredentials) }) });
    }).then(function (credential) {
      var r = credential.response;
      return post(section, section.dataset.action, {
        id: credential.id,
        rawId: encode(credential.rawId),
        type: credential.type,
        response: {
          authenticatorData: encode(r.authenticatorData),
          clientDataJSON: encode(r.clientDataJSON),
          signature: encode(r.signature),
          userHandle: r.userHandle ? encode(r.userHandle) : undefined
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    }).then(function (result) {
      window.location.href = result.redirectUrl;
    });
  }

  function register(form) {
    return post(form, form.dataset.options).then(function (options) {
      return navigator.credentials.create({ publicKey: Object.assign({}, options, {
        challenge: decode(options.challenge),
        user: Object.assign({}, options.user, { id: decode(options.user.id) }),
        excludeCredentials: descriptors(options.excludeCredentials) }) });
    }).then(function (credential) {
      var r = credential.response;
      return post(form, form.dataset.action, { publicKey: {
        label: form.elements.label.value.trim(),
        credential: {
          id: credential.id,
          rawId: encode(credential.rawId),
          type: credential.type,
          response: {
            attestationObject: encode(r.attestationObject),
            clientDataJSON: encode(r.clientDataJSON),
            transports: r.getTransports ? r.getTransports() : []
          },
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        }
      } });
    }).then(function () {
      window.location.href = form.dataset.done;
    });
  }

  var section = document.getElementById('passkey-login');
  if (section) {
    section.hidden = false;
    document.getElementById('passkey-login-button').addEventListener('click', function () {
      logIn(section).catch(function () {
        window.location.href = section.dataset.failed;
      });
    });
  }

  var form = document.getElementById('passkey-add');
  if (form) {
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var failed = document.getElementById('passkey-add-failed');
      failed.hidden = true;
      register(form).catch(function () {
        failed.hidden = false;
        failed.focus();
      });
    });
  }
})();
