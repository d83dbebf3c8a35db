// The optional signature pad on the public signing page. The form works without it: the typed
// name is the signature; a drawing, when given, is sent as a PNG data URL in a hidden field.
(function () {
    'use strict';
    var pad = document.querySelector('[data-signature-pad]');
    var field = document.querySelector('[data-signature-value]');
    if (!pad || !field) {
        return;
    }

    var canvas = pad.querySelector('canvas');
    var clear = pad.querySelector('[data-signature-clear]');
    var context = canvas.getContext('2d');
    var drawing = false;
    var drawn = false;
    pad.hidden = false;

    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#111111';

    function point(event) {
        var box = canvas.getBoundingClientRect();
        return {
            x: (event.clientX - box.left) * (canvas.width / box.width),
            y: (event.clientY - box.top) * (canvas.height / box.height)
        };
    }

    canvas.addEventListener('pointerdown', function (event) {
        drawing = true;
        canvas.setPointerCapture(event.pointerId);
        var p = point(event);
        context.beginPath();
        context.moveTo(p.x, p.y);
        event.preventDefault();
    });

    canvas.addEventListener('pointermove', function (event) {
        if (!drawing) {
            return;
        }
        var p = point(event);
        context.lineTo(p.x, p.y);
        context.stroke();
        drawn = true;
        event.preventDefault();
    });

    function finish() {
        if (drawing && drawn) {
            field.value = canvas.toDataURL('image/png');
        }
        drawing = false;
    }

    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', finish);

    // A form shown again with errors sends back the drawing it was given: show it, so it need not be drawn twice.
    if (field.value.indexOf('data:image/png;base64,') === 0) {
        var kept = new Image();
        kept.onload = function () {
            context.drawImage(kept, 0, 0, canvas.width, canvas.height);
            drawn = true;
        };
        kept.src = field.value;
    }

    clear.addEventListener('click', function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        drawn = false;
        field.value = '';
    });
})();
