// response_mode=form_post: post the authorization response to the client as soon as the page loads.
// An external file, not inline script, so the page keeps its strict Content-Security-Policy.
document.getElementById("form_post").submit();
