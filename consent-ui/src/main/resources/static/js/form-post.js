// OAuth 2.0 Form Post Response Mode: submit at once; the button stays for browsers without JavaScript.
document.getElementById('form-post').submit();
